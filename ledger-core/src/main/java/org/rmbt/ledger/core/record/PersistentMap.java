package org.rmbt.ledger.core.record;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An immutable hash map whose {@link #with} shares all but one root-to-leaf path with the old map
 * (a hash array mapped trie, 32-way): O(log32 n) time and space per update, so every log position
 * can keep its own {@link RecordState} and a staged batch is dropped by forgetting it.
 */
final class PersistentMap<K, V> {
  private static final int BITS = 5;
  private static final int MASK = (1 << BITS) - 1;
  private static final PersistentMap<?, ?> EMPTY = new PersistentMap<>(null, 0);

  private record Leaf(int hash, Object key, Object value) {}

  private record Collision(int hash, Leaf[] leaves) {}

  private record Branch(int bitmap, Object[] slots) {}

  private final Object root; // null, Leaf, Collision or Branch
  private final int size;

  private PersistentMap(Object root, int size) {
    this.root = root;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <K, V> PersistentMap<K, V> empty() {
    return (PersistentMap<K, V>) EMPTY;
  }

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  Optional<V> get(K key) {
    int h = key.hashCode();
    Object node = root;
    for (int shift = 0; node != null; shift += BITS) {
      if (node instanceof Leaf l) {
        return l.hash == h && l.key.equals(key) ? Optional.of((V) l.value) : Optional.empty();
      }
      if (node instanceof Collision c) {
        for (Leaf l : c.leaves) {
          if (l.key.equals(key)) {
            return Optional.of((V) l.value);
          }
        }
        return Optional.empty();
      }
      Branch b = (Branch) node;
      int bit = 1 << ((h >>> shift) & MASK);
      node = (b.bitmap & bit) == 0 ? null : b.slots[Integer.bitCount(b.bitmap & (bit - 1))];
    }
    return Optional.empty();
  }

  /** This map with {@code key} bound to {@code value}; this map is unchanged. */
  PersistentMap<K, V> with(K key, V value) {
    Objects.requireNonNull(value);
    boolean[] added = new boolean[1];
    Object r = put(root, 0, new Leaf(key.hashCode(), key, value), added);
    return new PersistentMap<>(r, added[0] ? size + 1 : size);
  }

  @SuppressWarnings("unchecked")
  void forEach(BiConsumer<K, V> action) {
    visit(root, (BiConsumer<Object, Object>) (BiConsumer<?, ?>) action);
  }

  private static void visit(Object node, BiConsumer<Object, Object> action) {
    if (node instanceof Leaf l) {
      action.accept(l.key, l.value);
    } else if (node instanceof Collision c) {
      for (Leaf l : c.leaves) {
        action.accept(l.key, l.value);
      }
    } else if (node instanceof Branch b) {
      for (Object child : b.slots) {
        visit(child, action);
      }
    }
  }

  private static Object put(Object node, int shift, Leaf leaf, boolean[] added) {
    if (node == null) {
      added[0] = true;
      return leaf;
    }
    if (node instanceof Branch b) {
      int bit = 1 << ((leaf.hash >>> shift) & MASK);
      int i = Integer.bitCount(b.bitmap & (bit - 1));
      if ((b.bitmap & bit) != 0) {
        Object[] slots = b.slots.clone();
        slots[i] = put(slots[i], shift + BITS, leaf, added);
        return new Branch(b.bitmap, slots);
      }
      Object[] slots = new Object[b.slots.length + 1];
      System.arraycopy(b.slots, 0, slots, 0, i);
      slots[i] = leaf;
      System.arraycopy(b.slots, i, slots, i + 1, b.slots.length - i);
      added[0] = true;
      return new Branch(b.bitmap | bit, slots);
    }
    int h = node instanceof Leaf l ? l.hash : ((Collision) node).hash;
    if (h != leaf.hash) {
      added[0] = true;
      return split(node, h, leaf, shift);
    }
    return putSameHash(node, h, leaf, added);
  }

  /** {@code leaf} into a leaf or collision whose keys all hash to {@code h} as well. */
  private static Object putSameHash(Object node, int h, Leaf leaf, boolean[] added) {
    Leaf[] old = node instanceof Leaf l ? new Leaf[] {l} : ((Collision) node).leaves;
    for (int i = 0; i < old.length; i++) {
      if (old[i].key.equals(leaf.key)) {
        if (old.length == 1) {
          return leaf;
        }
        Leaf[] copy = old.clone();
        copy[i] = leaf;
        return new Collision(h, copy);
      }
    }
    added[0] = true;
    Leaf[] grown = Arrays.copyOf(old, old.length + 1);
    grown[old.length] = leaf;
    return new Collision(h, grown);
  }

  /** A branch holding {@code node} (all keys hashing to {@code h}) and {@code leaf}. */
  private static Object split(Object node, int h, Leaf leaf, int shift) {
    int a = (h >>> shift) & MASK;
    int b = (leaf.hash >>> shift) & MASK;
    if (a == b) {
      return new Branch(1 << a, new Object[] {split(node, h, leaf, shift + BITS)});
    }
    Object[] slots = a < b ? new Object[] {node, leaf} : new Object[] {leaf, node};
    return new Branch((1 << a) | (1 << b), slots);
  }
}
