package org.rmbt.ledger.core.store.rocksdb;

import java.util.OptionalLong;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.store.StoreException;

/**
 * The store's one binary key/value format: 8-byte big-endian non-negative longs, so RocksDB's
 * bytewise key order is numeric order and the last key of a family is its largest index.
 */
final class Keys {
  static final int LONG_SIZE = 8;

  private Keys() {}

  static byte[] of(long value) {
    byte[] out = new byte[LONG_SIZE];
    write(value, out);
    return out;
  }

  static void write(long value, byte[] dst) {
    write(value, dst, 0);
  }

  static void write(long value, byte[] dst, int offset) {
    for (int i = LONG_SIZE - 1; i >= 0; i--) {
      dst[offset + i] = (byte) value;
      value >>>= 8;
    }
  }

  /**
   * Decodes the value of stored hash {@code storedIndex}, refusing a missing one or any length but
   * 32.
   */
  static Hash hash(long storedIndex, byte[] bytes) {
    if (bytes == null) {
      throw new StoreException("stored hash " + storedIndex + " was never written");
    }
    if (bytes.length != Hash.SIZE) {
      throw new StoreException("stored hash " + storedIndex + " has " + bytes.length + " bytes");
    }
    return new Hash(bytes);
  }

  /**
   * Decodes a stored long, refusing anything but exactly 8 bytes of a non-negative value.
   *
   * @param what names the value in the error, e.g. {@code "meta size"}
   */
  static long decode(String what, byte[] bytes) {
    if (bytes.length != LONG_SIZE) {
      throw new StoreException(what + " must be 8 bytes, found " + bytes.length);
    }
    long value = 0;
    for (byte b : bytes) {
      value = (value << 8) | (b & 0xff);
    }
    if (value < 0) {
      throw new StoreException(what + " is negative: " + value);
    }
    return value;
  }

  /**
   * The index a {@code leaf_index} value names, if that entry is in the log of size {@code known}:
   * a batch being written may already be readable, but it is not in the log until the size says so.
   */
  static OptionalLong logged(byte[] leafIndexValue, long known) {
    if (leafIndexValue == null) {
      return OptionalLong.empty();
    }
    long index = decode("leaf_index value", leafIndexValue);
    return index < known ? OptionalLong.of(index) : OptionalLong.empty();
  }
}
