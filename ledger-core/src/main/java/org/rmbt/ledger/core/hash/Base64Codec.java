package org.rmbt.ledger.core.hash;

import java.util.Base64;

/**
 * Strict standard base64 (RFC 4648 §4, padded). The JDK decoder accepts non-zero pad bits and a
 * missing {@code =}; this decodes, re-encodes and demands the same text back, so every byte string
 * has exactly one accepted encoding.
 */
public final class Base64Codec {
  private Base64Codec() {}

  public static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public static byte[] decode(String field, String text) throws MalformedException {
    byte[] out;
    try {
      out = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedException(field, "not valid base64");
    }
    if (!encode(out).equals(text)) {
      throw new MalformedException(field, "not canonical base64");
    }
    return out;
  }

  /** Decodes and demands an exact length. */
  public static byte[] decode(String field, String text, int length) throws MalformedException {
    byte[] out = decode(field, text);
    if (out.length != length) {
      throw new MalformedException(field, "must decode to " + length + " bytes, got " + out.length);
    }
    return out;
  }
}
