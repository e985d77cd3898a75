package org.rmbt.ledger.core.ledger;

import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.record.SignerKeys;
import org.rmbt.ledger.proto.Envelope;

/**
 * A plain transparency log: any payload, as long as every signature is by one of a fixed set of
 * keys. No record rules, no subjects, no state to rebuild.
 */
public final class SignerKeyPolicy implements EntryPolicy {
  private static final Staging STATELESS =
      new Staging() {
        @Override
        public List<String> admit(long index, Envelope env, long integratedAt) {
          return List.of();
        }

        @Override
        public void applied(long index, Hash leafHash) {}

        @Override
        public void commit() {}

        @Override
        public Staging next() {
          return this;
        }
      };

  private final SignerKeys keys;

  public SignerKeyPolicy(SignerKeys keys) {
    this.keys = keys;
  }

  @Override
  public void verifySignatures(Envelope env) throws MalformedException, VerificationException {
    keys.verify("envelope", env);
  }

  @Override
  public Staging stage() {
    return STATELESS;
  }

  @Override
  public boolean replaysLog() {
    return false;
  }
}
