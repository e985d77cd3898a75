package org.rmbt.ledger.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A verified {@code cosignature/v1}: which witness signed, and the time it states. The wire form
 * (tlog-cosignature §Format) is {@code timestamp (u64 big-endian) ‖ Ed25519 signature (64)} over
 * {@code "cosignature/v1\ntime <t>\n" ‖ checkpoint body}.
 */
public record Cosignature(VerifierKey witness, long timestamp) {
  /** Bytes of a {@code timestamped_signature} with an Ed25519 signature. */
  static final int SIZE = Long.BYTES + Ed25519PublicKey.SIGNATURE_SIZE;

  public Cosignature {
    if (witness.type() != KeyType.COSIGNATURE_V1) {
      throw new IllegalArgumentException("not a cosignature/v1 key: " + witness);
    }
    if (timestamp < 0) {
      throw new IllegalArgumentException("timestamp must be >= 0");
    }
  }

  /** tlog-cosignature §Ed25519 signed message; the time has no leading zeros. */
  static byte[] message(long timestamp, byte[] body) {
    byte[] header =
        ("cosignature/v1\ntime " + timestamp + "\n").getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + body.length);
    out.writeBytes(header);
    out.writeBytes(body);
    return out.toByteArray();
  }

  static byte[] sign(Ed25519PrivateKey key, long timestamp, byte[] body) {
    byte[] sig = key.sign(message(timestamp, body));
    return ByteBuffer.allocate(SIZE).putLong(timestamp).put(sig).array();
  }

  /** False for a wrong length or a timestamp above 2^63 - 1 (the spec's bound). */
  static boolean verify(Ed25519PublicKey key, byte[] body, byte[] signature) {
    if (signature.length != SIZE) {
      return false;
    }
    long timestamp = timestampOf(signature);
    if (timestamp < 0) {
      return false;
    }
    return key.verify(message(timestamp, body), Arrays.copyOfRange(signature, Long.BYTES, SIZE));
  }

  /** The stated time of a {@code timestamped_signature} whose length was checked. */
  static long timestampOf(byte[] signature) {
    return ByteBuffer.wrap(signature, 0, Long.BYTES).getLong();
  }
}
