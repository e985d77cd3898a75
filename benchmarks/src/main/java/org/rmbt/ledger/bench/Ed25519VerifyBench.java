package org.rmbt.ledger.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.core.record.Dsse;
import org.rmbt.ledger.core.testing.DemoEnvelopes;

/**
 * Bouncy Castle Ed25519 verification of one DSSE signature over a 256-byte payload's PAE: the work
 * every signed append costs. Run with one thread per core for the machine's ceiling.
 */
@State(Scope.Benchmark)
public class Ed25519VerifyBench {
  private Ed25519PublicKey key;
  private byte[] pae;
  private byte[] sig;

  @Setup
  public void setUp() {
    key = BenchEnvelopes.SIGNER.publicKey();
    pae = Dsse.pae(DemoEnvelopes.PAYLOAD_TYPE, BenchEnvelopes.payload(1));
    sig = BenchEnvelopes.SIGNER.sign(pae);
  }

  @Benchmark
  public boolean verify() {
    return key.verify(pae, sig);
  }
}
