package org.rmbt.ledger.core.checkpoint;

import java.util.Arrays;

/** Fixed keys for tests: seeds are constant so every run signs the same bytes. */
final class TestKeys {
  static final String ORIGIN = "ledger.example/log";
  static final SignerKey LOG = SignerKey.of(ORIGIN, seed(1));
  static final Cosigner WITNESS_A = Cosigner.of("witness.example/a", seed(2));
  static final Cosigner WITNESS_B = Cosigner.of("witness.example/b", seed(3));

  private TestKeys() {}

  static Ed25519PrivateKey seed(int b) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) b);
    return Ed25519PrivateKey.fromSeed(s);
  }
}
