package org.rmbt.ledger.core.store.rocksdb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.rmbt.ledger.core.hash.Hash;

/**
 * A blocked Bloom filter over SHA-256 outputs: says a hash was certainly never added, or may have
 * been. Keys are already uniformly random, so their own bits choose the block and the bits in it:
 * no hashing, and a lookup touches one 64-byte block (one cache line).
 *
 * <p>Sized at about 10 bits per key for {@link #capacity} keys (≈ 1–2 % false positives when full);
 * more keys raise the false positive rate, never cause a false negative. Adds may come from several
 * threads and run concurrently with lookups: bits are set by atomic OR and never cleared.
 */
final class HashFilter {
  private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int BLOCK_WORDS = 8; // 512 bits
  private static final int PROBES = 7;
  private static final int BITS_PER_KEY = 10;
  private static final int PROBE_BITS = 9; // 3 bits pick the word, 6 the bit

  private final long[] words;
  private final long blockMask;
  private final long capacity;

  /** A filter for at least {@code capacity} keys (rounded up to a power of two of blocks). */
  HashFilter(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    long blocks = Long.highestOneBit(Math.max(1, capacity * BITS_PER_KEY / 512 - 1)) << 1;
    if (blocks * BLOCK_WORDS > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("capacity too large for one filter: " + capacity);
    }
    this.words = new long[(int) (blocks * BLOCK_WORDS)];
    this.blockMask = blocks - 1;
    this.capacity = blocks * 512 / BITS_PER_KEY;
  }

  /** How many keys it holds at about its designed false positive rate. */
  long capacity() {
    return capacity;
  }

  /** Adds the hash in {@code buf[offset, offset + 32)}. */
  void add(byte[] buf, int offset) {
    int block = block(Hash.wordAt(buf, offset, 0));
    long probes = Hash.wordAt(buf, offset, 1);
    for (int i = 0; i < PROBES; i++, probes >>>= PROBE_BITS) {
      int bit = (int) probes & 511;
      long unused = (long) WORDS.getAndBitwiseOr(words, block + (bit >>> 6), 1L << bit);
    }
  }

  /** False only if {@code key} was never added. */
  boolean mightContain(Hash key) {
    int block = block(key.word(0));
    long probes = key.word(1);
    for (int i = 0; i < PROBES; i++, probes >>>= PROBE_BITS) {
      int bit = (int) probes & 511;
      long word = (long) WORDS.getAcquire(words, block + (bit >>> 6));
      if ((word & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  private int block(long word) {
    return (int) (word & blockMask) * BLOCK_WORDS;
  }
}
