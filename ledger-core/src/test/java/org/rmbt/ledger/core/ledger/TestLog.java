package org.rmbt.ledger.core.ledger;

import java.util.List;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.record.SignerKeyRing;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.testing.DemoEnvelopes;
import org.rmbt.ledger.core.verify.LogVerificationException;
import org.rmbt.ledger.core.verify.LogVerifier;

/** The fixed keys and settings the ledger tests (and the crash test's child JVM) share. */
final class TestLog {
  static final String ORIGIN = "test.example/log";
  static final Ed25519PrivateKey SUBMITTER = DemoEnvelopes.key(2);
  static final long CLOCK_MILLIS = 1_700_000_000_000L;

  private TestLog() {}

  static SignerKey signerKey() {
    return SignerKey.of(ORIGIN, DemoEnvelopes.key(1));
  }

  static LogSigner signer() {
    return new LogSigner(signerKey());
  }

  static SignerKeyRing ring() {
    return SignerKeyRing.of(List.of(SUBMITTER.publicKey()));
  }

  static Ledger open(LogStore store, LedgerConfig config) {
    return Ledger.open(store, signer(), ring(), () -> CLOCK_MILLIS, config);
  }

  static byte[] envelope(long n) {
    return DemoEnvelopes.envelope(SUBMITTER, n);
  }

  /**
   * Re-hashes the whole log in {@code store} against {@code checkpoint}, trusting nothing stored.
   */
  static void verify(LogStore store, SignedCheckpoint checkpoint) throws LogVerificationException {
    LogVerifier.verify(store, checkpoint.checkpoint(), done -> {});
  }
}
