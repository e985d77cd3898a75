package org.rmbt.ledger.core.store.rocksdb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.rmbt.ledger.core.hash.Hash;

/**
 * Hashes to entry indexes in one flat array, open addressing: no object per key. A backlog
 * generation holds ~131,000 keys for a second or two; as a {@code ConcurrentHashMap<Hash, Long>}
 * each key was three objects that the young collector copied until they were promoted, and every
 * put dirtied old-generation cards for G1's refinement threads: ~3 µs of GC CPU per appended entry.
 *
 * <p>A slot is five longs, its value and then its key, so a probe reads one cache line or two
 * neighbouring ones. One writer puts; any number of readers get concurrently: a slot's key is
 * written before its value is released, and a reader that acquires a non-empty value sees the key.
 * Keys are never removed, so a probe ends at the first empty slot.
 */
final class HashSlots {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int SLOT = 5; // value + 1 (0: empty), then the key's four longs
  private static final int MIN_SLOTS = 16;

  /** Replaced whole by a twice larger one when it fills past three quarters. */
  private volatile long[] table;

  private int size; // the writer's only

  /** A table that holds {@code expectedKeys} half full, and grows only past three quarters. */
  HashSlots(int expectedKeys) {
    int slots = Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, 2 * expectedKeys - 1)) << 1);
    table = new long[slots * SLOT];
  }

  /**
   * Maps the hash in {@code buf[offset, offset + 32)} to {@code index} (>= 0), replacing what it
   * mapped to. The writer only.
   */
  void put(byte[] buf, int offset, long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
    long[] t = table;
    if (4L * (size + 1) * SLOT > 3L * t.length) {
      t = grown(t);
      table = t;
    }
    long k0 = Hash.wordAt(buf, offset, 0);
    long k1 = Hash.wordAt(buf, offset, 1);
    long k2 = Hash.wordAt(buf, offset, 2);
    long k3 = Hash.wordAt(buf, offset, 3);
    if (putIn(t, k0, k1, k2, k3, index)) {
      size++;
    }
  }

  /** The index {@code key} maps to, or -1. */
  long get(Hash key) {
    long[] t = table;
    long k0 = key.word(0);
    long k1 = key.word(1);
    long k2 = key.word(2);
    long k3 = key.word(3);
    int slots = t.length / SLOT;
    for (int s = first(k0, slots); ; s = (s + 1) & (slots - 1)) {
      int at = s * SLOT;
      long stored = (long) LONGS.getAcquire(t, at);
      if (stored == 0) {
        return -1;
      }
      if (t[at + 1] == k0 && t[at + 2] == k1 && t[at + 3] == k2 && t[at + 4] == k3) {
        return stored - 1;
      }
    }
  }

  /** Puts into {@code t}; true if the key is new. Values are stored plus one: 0 is "empty". */
  private static boolean putIn(long[] t, long k0, long k1, long k2, long k3, long index) {
    int slots = t.length / SLOT;
    for (int s = first(k0, slots); ; s = (s + 1) & (slots - 1)) {
      int at = s * SLOT;
      long stored = (long) LONGS.getAcquire(t, at);
      if (stored == 0) {
        t[at + 1] = k0;
        t[at + 2] = k1;
        t[at + 3] = k2;
        t[at + 4] = k3;
        LONGS.setRelease(t, at, index + 1);
        return true;
      }
      if (t[at + 1] == k0 && t[at + 2] == k1 && t[at + 3] == k2 && t[at + 4] == k3) {
        LONGS.setRelease(t, at, index + 1);
        return false;
      }
    }
  }

  /** SHA-256 output is uniform: its first eight bytes pick the slot. */
  private static int first(long k0, int slots) {
    return (int) (k0 ^ (k0 >>> 32)) & (slots - 1);
  }

  /** A table twice as large holding every key of {@code t}; readers keep using t meanwhile. */
  private static long[] grown(long[] t) {
    long[] next = new long[2 * t.length];
    for (int at = 0; at < t.length; at += SLOT) {
      if (t[at] != 0) {
        putIn(next, t[at + 1], t[at + 2], t[at + 3], t[at + 4], t[at] - 1);
      }
    }
    return next;
  }
}
