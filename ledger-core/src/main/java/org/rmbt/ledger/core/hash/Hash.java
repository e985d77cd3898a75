package org.rmbt.ledger.core.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 value: exactly 32 bytes. A {@code Hash} that exists has the right length. */
public record Hash(byte[] bytes) {
  public static final int SIZE = 32;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** All zero bytes: the {@code prev_leaf_hash} of entry 0. */
  public static final Hash ZERO = new Hash(new byte[SIZE]);

  public Hash {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("hash must be 32 bytes, got " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /**
   * Decodes bytes from outside (wire, file, store) into a hash.
   *
   * @param field names the input in the error, e.g. {@code "entry.prev_leaf_hash"}
   */
  public static Hash decode(String field, byte[] bytes) throws MalformedException {
    if (bytes.length != SIZE) {
      throw new MalformedException(field, "must be 32 bytes, got " + bytes.length);
    }
    return new Hash(bytes);
  }

  /** Strict standard base64 of exactly 32 bytes. */
  public static Hash parseBase64(String field, String text) throws MalformedException {
    return decode(field, Base64Codec.decode(field, text));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Writes the hash into {@code dst} at {@code offset} without copying twice. */
  public void copyTo(byte[] dst, int offset) {
    System.arraycopy(bytes, 0, dst, offset, SIZE);
  }

  /**
   * Bytes {@code 8i .. 8i+7} as a little-endian long, {@code i} in 0..3: tables keyed by hashes.
   */
  public long word(int i) {
    return wordAt(bytes, 0, i);
  }

  /** {@link #word}{@code (i)} of the hash whose bytes start at {@code buf[offset]}. */
  public static long wordAt(byte[] buf, int offset, int i) {
    return (long) LONGS.get(buf, offset + 8 * i);
  }

  public String base64() {
    return Base64Codec.encode(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    // All 32 bytes in four 8-byte reads: hash lookups are on every append's path, and
    // Arrays.hashCode's byte-at-a-time loop cost as much as the rest of a map lookup.
    long h = (long) LONGS.get(bytes, 0);
    for (int offset = 8; offset < SIZE; offset += 8) {
      h = h * 0x9E3779B97F4A7C15L + (long) LONGS.get(bytes, offset);
    }
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return hex();
  }
}
