package org.rmbt.ledger.core.ledger;

import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.record.Admission;
import org.rmbt.ledger.core.record.RecordRules;
import org.rmbt.ledger.core.record.RecordState;
import org.rmbt.ledger.core.record.RecordType;
import org.rmbt.ledger.core.record.SignerKeys;
import org.rmbt.ledger.proto.Envelope;

/**
 * The compliance ledger's rules (DESIGN.md, Records): a log that begins with a genesis entry, whose
 * participants, schemes, models, audits and decisions are admitted by {@link RecordRules} against
 * the registry as of each entry's position.
 *
 * <p>Signatures are checked against every key ever registered; whether a key may sign at a given
 * position (role, rotation, revocation) is admission's business. A key registered in a batch still
 * being written is not known yet: its holder submits after the registration is acknowledged.
 */
public final class CompliancePolicy implements EntryPolicy {
  private volatile RecordState committed = RecordState.empty();

  /** The registry as of the last durable batch (readers use it for views). */
  public RecordState state() {
    return committed;
  }

  @Override
  public void verifySignatures(Envelope env) throws MalformedException, VerificationException {
    RecordType type = RecordType.ofPayloadType("envelope.payload_type", env.getPayloadType());
    if (type == RecordType.GENESIS) {
      return; // its founders' keys are in its payload: admission checks their signatures
    }
    RecordState now = committed;
    SignerKeys registered = now::publicKey;
    registered.verify("envelope", env);
  }

  @Override
  public Staging stage() {
    return new RegistryStaging(committed);
  }

  /** Admissions against the registry as of {@code state}, advanced entry by entry. */
  private final class RegistryStaging implements Staging {
    private RecordState state;
    private Admission pending;

    RegistryStaging(RecordState start) {
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
      state = RecordRules.apply(state, pending, index, leafHash);
      pending = null;
    }

    @Override
    public void commit() {
      committed = state;
    }

    @Override
    public Staging next() {
      return new RegistryStaging(state);
    }
  }

  @Override
  public boolean replaysLog() {
    return true;
  }
}
