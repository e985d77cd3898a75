package org.rmbt.ledger.core.merkle;

/**
 * Where tree hashes live in storage: the stored-hash index scheme of Go's {@code sumdb/tlog}.
 *
 * <p>Every leaf hash and every complete subtree hash is stored exactly once, in the order they
 * become known while leaves are appended: leaf {@code n}'s hash, then the hashes of the subtrees
 * that leaf completes, lowest level first. A tree of {@code n} leaves therefore holds just under
 * {@code 2n} hashes, and growing it only ever appends. The RFC 9162 §2.1.1 hash of any size and
 * every proof can be computed from these stored hashes with O(log n) reads.
 */
public final class StoredHashes {
  private StoredHashes() {}

  /**
   * The stored-hash index of the complete subtree {@code (level, n)}.
   *
   * @throws IllegalArgumentException if the node is outside the addressable tree (see {@link
   *     NodeId})
   */
  public static long storedHashIndex(int level, long n) {
    return storedHashIndex(new NodeId(level, n));
  }

  /** The stored-hash index of {@code node}; a valid {@link NodeId} cannot overflow the sums. */
  public static long storedHashIndex(NodeId node) {
    int level = node.level();
    // Level L's n'th hash is stored right after level L-1's (2n+1)'th: walk down to level 0.
    long leaf = node.index();
    for (int l = level; l > 0; l--) {
      leaf = 2 * leaf + 1;
    }
    // Leaf m's hash is stored after m + m/2 + m/4 + ... hashes (the subtrees before it).
    long index = 0;
    for (long m = leaf; m > 0; m >>= 1) {
      index += m;
    }
    return index + level;
  }

  /** The exact inverse of {@link #storedHashIndex}: which subtree is stored at {@code index}. */
  public static NodeId splitStoredHashIndex(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("stored hash index must be >= 0, got " + index);
    }
    // storedHashIndex(0, n) < 2n, so the leaf stored at or before index is in [index/2, ...).
    long n = index / 2;
    long indexN = storedHashIndex(0, n);
    if (indexN > index) {
      throw new IllegalStateException("stored hash index math: " + indexN + " > " + index);
    }
    while (true) {
      // Appending leaf n+1 adds its hash plus one per subtree it completes.
      long next = indexN + 1 + Long.numberOfTrailingZeros(n + 1);
      if (next > index) {
        break;
      }
      n++;
      indexN = next;
    }
    int level = (int) (index - indexN);
    return new NodeId(level, n >> level);
  }

  /** How many hashes a tree of {@code size} leaves stores. */
  public static long storedHashCount(long size) {
    if (size < 0 || size > NodeId.MAX_TREE_SIZE) {
      throw new IllegalArgumentException("tree size must be in [0, 2^62], got " + size);
    }
    if (size == 0) {
      return 0;
    }
    // The last leaf's hash plus the subtrees it completes (one per trailing 1 bit of size-1).
    return storedHashIndex(0, size - 1) + 1 + Long.numberOfTrailingZeros(~(size - 1));
  }
}
