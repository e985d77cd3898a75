package org.rmbt.ledger.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.record.Admission;
import org.rmbt.ledger.core.record.RecordRules;
import org.rmbt.ledger.core.record.RecordState;
import org.rmbt.ledger.core.record.RecordType;
import org.rmbt.ledger.core.record.SignerKeys;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.SubjectLink;

/**
 * Runs a bundle's entries through the record rules in index order, from an empty registry, each at
 * its own index and integration time, exactly as the sequencer did ({@link RecordRules}' contract):
 * signatures against the keys registered so far, then admission, which judges signer authority at
 * that point of the log. Entries the bundle does not hold are skipped ({@link RecordRules#skipTo});
 * that is sound only because every signer's registrations must be a subject the bundle holds
 * without a gap, so no revocation before an entry can be left out unnoticed.
 */
final class ProvenanceReplay {
  private ProvenanceReplay() {}

  /** The registry after the last entry; the entries must be in increasing index order. */
  static RecordState replay(List<LoggedEntry> entries, Set<String> subjects)
      throws ProvenanceException {
    if (entries.isEmpty() || entries.get(0).index() != 0) {
      throw new ProvenanceException(
          "entry 0", "the genesis is not in the bundle, so no signer can be trusted");
    }
    RecordState state = RecordState.empty();
    for (LoggedEntry e : entries) {
      state = step(RecordRules.skipTo(state, e.index()), e, subjects);
    }
    return state;
  }

  private static RecordState step(RecordState state, LoggedEntry e, Set<String> subjects)
      throws ProvenanceException {
    Envelope env = e.entry().getEnvelope();
    Admission admission;
    try {
      // The genesis names its founders' keys itself; admission checks its signatures.
      if (RecordType.ofPayloadType("envelope.payload_type", env.getPayloadType())
          != RecordType.GENESIS) {
        SignerKeys registered = state::publicKey;
        registered.verify("envelope", env);
        requireSignersHeld(state, e, subjects);
      }
      admission = RecordRules.admit(state, e.index(), env, e.entry().getIntegratedAt());
    } catch (ProvenanceException ex) {
      throw ex;
    } catch (MalformedException | VerificationException ex) {
      throw new ProvenanceException(e.where(), ex.getMessage(), ex);
    }
    checkLinks(e, admission);
    return RecordRules.apply(state, admission, e.index(), e.leaf());
  }

  /**
   * A signer's revocation is an entry about {@code participant:<id>}; only if the bundle holds that
   * chain without a gap is "not revoked before this entry" shown rather than assumed.
   */
  private static void requireSignersHeld(RecordState state, LoggedEntry e, Set<String> subjects)
      throws ProvenanceException {
    Envelope env = e.entry().getEnvelope();
    for (int i = 0; i < env.getSignaturesCount(); i++) {
      String owner = state.keyOwner(env.getSignatures(i).getKeyid()).orElseThrow();
      if (!subjects.contains("participant:" + owner)) {
        throw new ProvenanceException(
            e.where(),
            "signer "
                + owner
                + " is not among the bundle's subjects (participant:"
                + owner
                + "), so its revocation could be missing");
      }
    }
  }

  /**
   * The links the log stored must name exactly the subjects the rules give the record: a log that
   * left one out could hide an entry from that subject's chain.
   */
  private static void checkLinks(LoggedEntry e, Admission admission) throws ProvenanceException {
    List<String> linked = new ArrayList<>();
    for (SubjectLink l : e.entry().getSubjectLinksList()) {
      linked.add(l.getSubject());
    }
    if (!linked.equals(admission.subjects())) {
      throw new ProvenanceException(
          e.where(),
          "links subjects " + linked + ", but its record concerns " + admission.subjects());
    }
  }
}
