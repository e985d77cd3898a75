package org.rmbt.ledger.core.checkpoint;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * An Ed25519 public key (RFC 8032 §5.1.5 encoding, 32 bytes) that decodes to a point on the curve.
 * Used for note signatures, {@code cosignature/v1} and DSSE envelopes alike.
 */
public record Ed25519PublicKey(byte[] bytes) {
  public static final int SIZE = Ed25519.PUBLIC_KEY_SIZE;
  public static final int SIGNATURE_SIZE = Ed25519.SIGNATURE_SIZE;

  public Ed25519PublicKey {
    if (bytes.length != SIZE || !Ed25519.validatePublicKeyPartial(bytes, 0)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    bytes = bytes.clone();
  }

  /**
   * Decodes key bytes from outside.
   *
   * @param field names the input in the error, e.g. {@code "vkey.key"}
   */
  public static Ed25519PublicKey decode(String field, byte[] bytes) throws MalformedException {
    if (bytes.length != SIZE) {
      throw new MalformedException(field, "Ed25519 key must be 32 bytes, got " + bytes.length);
    }
    if (!Ed25519.validatePublicKeyPartial(bytes, 0)) {
      throw new MalformedException(field, "not an Ed25519 curve point");
    }
    return new Ed25519PublicKey(bytes);
  }

  /** RFC 8032 §5.1.7 verification; false for a signature of the wrong length. */
  public boolean verify(byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_SIZE) {
      return false;
    }
    return Ed25519.verify(signature, 0, bytes, 0, message, 0, message.length);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
