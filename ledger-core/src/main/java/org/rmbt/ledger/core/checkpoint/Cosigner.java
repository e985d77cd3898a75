package org.rmbt.ledger.core.checkpoint;

import java.nio.charset.StandardCharsets;

/**
 * A witness's {@code cosignature/v1} signing key (c2sp.org/tlog-cosignature, Ed25519 type 0x04).
 * The spec's message does not commit to the cosigner name, so one Ed25519 key must serve one
 * cosigner only. The time of a cosignature is a parameter: the core reads no clock.
 */
public final class Cosigner {
  private final Ed25519PrivateKey key;
  private final VerifierKey verifierKey;

  private Cosigner(String name, Ed25519PrivateKey key) {
    this.key = key;
    this.verifierKey = VerifierKey.of(name, KeyType.COSIGNATURE_V1, key.publicKey());
  }

  public static Cosigner of(String name, Ed25519PrivateKey key) {
    if (!KeyName.isValid(name)) {
      throw new IllegalArgumentException("invalid key name: " + name);
    }
    return new Cosigner(name, key);
  }

  /** The witness vkey (type 0x04) that verifiers configure. */
  public VerifierKey verifierKey() {
    return verifierKey;
  }

  /**
   * A signer for {@link Note#sign} that cosigns at {@code timestamp} (POSIX seconds, at most 2^63 -
   * 1 as the spec demands, which a non-negative long always is).
   */
  public NoteSigner at(long timestamp) {
    if (timestamp < 0) {
      throw new IllegalArgumentException("timestamp must be >= 0, got " + timestamp);
    }
    return new NoteSigner() {
      @Override
      public String name() {
        return verifierKey.name();
      }

      @Override
      public int keyId() {
        return verifierKey.keyId();
      }

      @Override
      public byte[] sign(byte[] text) {
        return Cosignature.sign(key, timestamp, text);
      }
    };
  }

  /** The cosignature line for {@code checkpoint} at {@code timestamp}. */
  public NoteSignature cosign(Checkpoint checkpoint, long timestamp) {
    NoteSigner s = at(timestamp);
    byte[] body = CheckpointCodec.encode(checkpoint).getBytes(StandardCharsets.UTF_8);
    return new NoteSignature(s.name(), s.keyId(), s.sign(body));
  }

  @Override
  public String toString() {
    return "Cosigner[" + verifierKey.encode() + "]";
  }
}
