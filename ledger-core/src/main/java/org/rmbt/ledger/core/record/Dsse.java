package org.rmbt.ledger.core.record;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.Signature;

/**
 * DSSE v1 (secure-systems-lab/dsse, protocol.md): signatures are Ed25519 over the
 * pre-authentication encoding, never over the bare payload, so a payload cannot be replayed under
 * another type.
 */
public final class Dsse {
  private static final byte[] PREFIX = "DSSEv1 ".getBytes(StandardCharsets.US_ASCII);

  private Dsse() {}

  /** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        (type.length + " " + payloadType + " " + payload.length + " ")
            .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[PREFIX.length + head.length + payload.length];
    System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
    System.arraycopy(head, 0, out, PREFIX.length, head.length);
    System.arraycopy(payload, 0, out, PREFIX.length + head.length, payload.length);
    return out;
  }

  /** The DSSE key ID we use: lowercase hex of SHA-256 of the raw 32-byte public key. */
  public static String keyId(Ed25519PublicKey key) {
    return HexFormat.of().formatHex(Hashing.sha256(key.bytes()).bytes());
  }

  /** Adds one signature by {@code key} to {@code envelope} (which may already carry others). */
  public static Envelope sign(Envelope envelope, Ed25519PrivateKey key) {
    byte[] sig = key.sign(pae(envelope.getPayloadType(), envelope.getPayload().toByteArray()));
    return envelope.toBuilder()
        .addSignatures(
            Signature.newBuilder()
                .setKeyid(keyId(key.publicKey()))
                .setSig(com.google.protobuf.ByteString.copyFrom(sig)))
        .build();
  }

  /** A new envelope of {@code payloadType} over {@code payload}, signed by each key in turn. */
  public static Envelope seal(String payloadType, byte[] payload, Ed25519PrivateKey... keys) {
    Envelope env =
        Envelope.newBuilder()
            .setPayloadType(payloadType)
            .setPayload(com.google.protobuf.ByteString.copyFrom(payload))
            .build();
    for (Ed25519PrivateKey k : keys) {
      env = sign(env, k);
    }
    return env;
  }
}
