package org.rmbt.ledger.core.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.record.Dsse;

/** Deterministic keys and signed envelopes for tests. */
public final class DemoEnvelopes {
  public static final String PAYLOAD_TYPE = "application/vnd.rmbt.test+json";

  private DemoEnvelopes() {}

  /** A key from a fixed seed, so test runs are reproducible. */
  public static Ed25519PrivateKey key(int seed) {
    byte[] s = new byte[32];
    new Random(seed).nextBytes(s);
    return Ed25519PrivateKey.fromSeed(s);
  }

  public static Ed25519PrivateKey randomKey() {
    return Ed25519PrivateKey.generate(new SecureRandom());
  }

  /** A serialized envelope with a distinct payload for {@code n}, signed by {@code signer}. */
  public static byte[] envelope(Ed25519PrivateKey signer, long n) {
    byte[] payload = ("{\"test\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    return Dsse.seal(PAYLOAD_TYPE, payload, signer).toByteArray();
  }
}
