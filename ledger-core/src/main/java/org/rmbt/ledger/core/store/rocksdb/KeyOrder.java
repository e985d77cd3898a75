package org.rmbt.ledger.core.store.rocksdb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Sorts rows by their first bytes in RocksDB's bytewise order, fast for random keys: a primitive
 * sort of each row's 8-byte prefix packed with its position (TimSort of the rows themselves, with a
 * comparator, was most of an ingest's CPU), then the few runs whose packed prefixes tie are put in
 * order by their whole keys.
 */
final class KeyOrder {
  private static final VarHandle BIG_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private KeyOrder() {}

  /** {@code rows} reordered by unsigned comparison of their first {@code keyBytes} (≥ 8) bytes. */
  static byte[][] sort(byte[][] rows, int keyBytes) {
    int n = rows.length;
    int positionBits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
    long positionMask = (1L << positionBits) - 1;
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      // The prefix's top bits, shifted down so the position fits below them; the sign flip makes
      // the signed sort an unsigned one.
      long prefix = (long) BIG_ENDIAN_LONGS.get(rows[i], 0) >>> positionBits;
      packed[i] = ((prefix << positionBits) | i) ^ Long.MIN_VALUE;
    }
    Arrays.sort(packed);
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      out[i] = rows[(int) (packed[i] & positionMask)];
    }
    orderTies(out, packed, positionMask, keyBytes);
    return out;
  }

  /**
   * Runs with equal packed prefixes, sorted by their whole keys (insertion sort: runs are tiny).
   */
  private static void orderTies(byte[][] out, long[] packed, long positionMask, int keyBytes) {
    for (int i = 1; i < out.length; i++) {
      if ((packed[i] & ~positionMask) != (packed[i - 1] & ~positionMask)) {
        continue;
      }
      byte[] row = out[i];
      int j = i - 1;
      long prefix = packed[i] & ~positionMask;
      while (j >= 0
          && (packed[j] & ~positionMask) == prefix
          && Arrays.compareUnsigned(out[j], 0, keyBytes, row, 0, keyBytes) > 0) {
        out[j + 1] = out[j];
        j--;
      }
      out[j + 1] = row;
    }
  }
}
