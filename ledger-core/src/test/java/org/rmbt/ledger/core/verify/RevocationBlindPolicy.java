package org.rmbt.ledger.core.verify;

import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.ledger.EntryPolicy;
import org.rmbt.ledger.core.record.Admission;
import org.rmbt.ledger.core.record.RecordRules;
import org.rmbt.ledger.core.record.RecordState;
import org.rmbt.ledger.core.record.RecordType;
import org.rmbt.ledger.core.record.SignerKeys;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.ParticipantRegistration;

/**
 * A dishonest log's rules, to build what an honest ledger refuses: every entry is admitted and
 * linked as by {@code CompliancePolicy}, but a participant revocation, once logged, is not applied
 * — the log judges later entries as a second log would where the revocation is absent. So the
 * revoked key can still sign, and the log signs checkpoints over entries no honest log holds.
 */
final class RevocationBlindPolicy implements EntryPolicy {
  private RecordState committed = RecordState.empty();

  RecordState state() {
    return committed;
  }

  @Override
  public void verifySignatures(Envelope env) throws MalformedException, VerificationException {
    if (RecordType.ofPayloadType("envelope.payload_type", env.getPayloadType())
        != RecordType.GENESIS) {
      SignerKeys registered = committed::publicKey;
      registered.verify("envelope", env);
    }
  }

  @Override
  public Staging stage() {
    return new BlindStaging(committed);
  }

  private final class BlindStaging implements Staging {
    private RecordState state;
    private Admission pending;

    BlindStaging(RecordState start) {
      this.state = start;
    }

    @Override
    public List<String> admit(long index, Envelope env, long integratedAt)
        throws MalformedException, VerificationException {
      pending = RecordRules.admit(state, index, env, integratedAt);
      return pending.subjects();
    }

    @Override
    public void applied(long index, Hash leafHash) {
      boolean revocation =
          pending.record() instanceof ParticipantRegistration r
              && r.getAction() == ParticipantRegistration.Action.REVOKE;
      state =
          revocation
              ? RecordRules.skipTo(state, index + 1)
              : RecordRules.apply(state, pending, index, leafHash);
    }

    @Override
    public void commit() {
      committed = state;
    }

    @Override
    public Staging next() {
      return new BlindStaging(state);
    }
  }

  @Override
  public boolean replaysLog() {
    return false;
  }
}
