package org.rmbt.ledger.core.record;

import com.google.protobuf.Message;
import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.AnchorReceipt;
import org.rmbt.ledger.proto.AuditRecord;
import org.rmbt.ledger.proto.CertificationDecision;
import org.rmbt.ledger.proto.CertificationScheme;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.Erasure;
import org.rmbt.ledger.proto.Genesis;
import org.rmbt.ledger.proto.ModelVersion;
import org.rmbt.ledger.proto.ParticipantRegistration;

/**
 * The record rules of the compliance ledger, as pure functions of the state before an entry.
 *
 * <p>Contract with the sequencer: for the entry at {@code index} (== {@code state.size()}), decode
 * the envelope ({@link EntryCodec#decodeEnvelope}) and verify every signature against {@link
 * RecordState#publicKey} (any key ever registered) — except for the genesis, whose keys are in its
 * own payload and whose signatures {@code admit} verifies. Then {@link #admit} decides whether the
 * record may enter at this position and time; if it may, {@link #apply} gives the state after it
 * once the entry's leaf hash is known. A rejection changes nothing.
 *
 * <p>Authority: audits by the AUDITOR or CERTIFICATION_BODY they name; model versions by the
 * PROVIDER they name; decisions by a CERTIFICATION_BODY or REGULATOR (joint: the scheme's k of them
 * from its minimum number of jurisdictions); schemes and registrations by the genesis quorum of
 * REGULATORS; anchor receipts by a WITNESS or REGULATOR; erasures by the audit's auditor or a
 * REGULATOR. Every signature must be by a key that counts at this position ({@link KeyPeriod}).
 */
public final class RecordRules {
  private RecordRules() {}

  /**
   * Judges the envelope as entry {@code index} integrated at {@code integratedAt} (ms).
   *
   * @throws MalformedException the payload type or a field breaks its format
   * @throws UnauthorizedSignerException a signer's key does not count here or lacks the authority
   * @throws RecordRuleException the record conflicts with the log so far
   */
  public static Admission admit(RecordState state, long index, Envelope env, long integratedAt)
      throws MalformedException, RecordRejectedException {
    if (index != state.size()) {
      throw new IllegalArgumentException("entry " + index + " on a state of size " + state.size());
    }
    Message record = RecordCodec.decodePayload(env);
    RecordType type = RecordType.of(record);
    if (type == RecordType.GENESIS) {
      if (index != 0) {
        throw new RecordRuleException("envelope.payload_type", "a log has one genesis, entry 0");
      }
      return new Admission(index, type, record, GenesisRules.admit((Genesis) record, env));
    }
    if (index == 0) {
      throw new RecordRuleException("envelope.payload_type", "entry 0 must be the genesis");
    }
    List<Participant> signers = Authority.signers(state, env, index, integratedAt);
    List<String> subjects =
        switch (type) {
          case PARTICIPANT_REGISTRATION ->
              ParticipantRules.admit(state, (ParticipantRegistration) record, signers, index);
          case CERTIFICATION_SCHEME ->
              SchemeRules.admit(state, (CertificationScheme) record, signers);
          case MODEL_VERSION ->
              ModelRules.admit(state, (ModelVersion) record, signers, integratedAt);
          case AUDIT_RECORD -> AuditRules.admit(state, (AuditRecord) record, signers, integratedAt);
          case CERTIFICATION_DECISION ->
              DecisionRules.admit(
                  state, (CertificationDecision) record, signers, index, integratedAt);
          case ANCHOR_RECEIPT -> AnchorRules.admit(state, (AnchorReceipt) record, signers, index);
          case ERASURE -> ErasureRules.admit(state, (Erasure) record, signers, index, integratedAt);
          case GENESIS -> throw new IllegalStateException("handled above");
        };
    return new Admission(index, type, record, subjects);
  }

  /**
   * The state of a reader that holds only some entries of the log, e.g. a proof bundle: entries
   * {@code state.size()} to {@code index - 1} are passed over unapplied, so the next {@link #admit}
   * is at {@code index}. Hazard: rules then judge without the skipped entries, so a reader must
   * hold every entry the rules consult for the records it replays (the signers' registrations, the
   * model's versions and lineage, the audits cited, the certificate's decisions, the scheme). A
   * missing registration or reference makes admission fail; a missing revocation, scheme version or
   * earlier use of an id could make it pass, so the reader must know those chains are complete.
   */
  public static RecordState skipTo(RecordState state, long index) {
    if (index < state.size()) {
      throw new IllegalArgumentException("cannot skip back to " + index + " from " + state.size());
    }
    RecordState.Builder b = state.toBuilder();
    b.size = index;
    return b.build();
  }

  /**
   * The state after entry {@code index}, whose leaf hash is {@code leafHash}. {@code admission}
   * must come from {@link #admit} on this same state. O(log n) for every record type, plus the
   * certificate's decision count for a decision; {@code state} is unchanged.
   */
  public static RecordState apply(
      RecordState state, Admission admission, long index, Hash leafHash) {
    if (index != state.size() || admission.index() != index) {
      throw new IllegalArgumentException(
          "admission for " + admission.index() + " applied as " + index + " on " + state.size());
    }
    RecordState.Builder b = state.toBuilder();
    Message r = admission.record();
    switch (admission.type()) {
      case GENESIS -> GenesisRules.apply(b, (Genesis) r);
      case PARTICIPANT_REGISTRATION ->
          ParticipantRules.apply(b, (ParticipantRegistration) r, index);
      case CERTIFICATION_SCHEME -> SchemeRules.apply(b, (CertificationScheme) r);
      case MODEL_VERSION -> ModelRules.apply(b, (ModelVersion) r);
      case AUDIT_RECORD -> AuditRules.apply(b, (AuditRecord) r, index, leafHash);
      case CERTIFICATION_DECISION -> DecisionRules.apply(b, (CertificationDecision) r, index);
      case ANCHOR_RECEIPT -> AnchorRules.apply(b, (AnchorReceipt) r);
      case ERASURE -> ErasureRules.apply(b, (Erasure) r, index);
    }
    b.size = index + 1;
    return b.build();
  }
}
