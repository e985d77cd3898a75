package org.rmbt.ledger.core.ledger;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.merkle.Integration;
import org.rmbt.ledger.core.merkle.MerkleTree;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.proto.LedgerEntry;
import org.rmbt.ledger.proto.SubjectLink;

/**
 * Re-checks entries that another node built and appends their exact bytes: strict decoding, index,
 * hash chain, envelope signatures, admission by the policy at the entry's own index and time, and
 * subject links recomputed from this store. The same checks the primary made in {@code
 * BatchCommitter}, so an entry passes here only if an honest primary could have written it.
 */
final class EntryReplayer {
  private final LogStore store;
  private final EntryPolicy policy;

  EntryReplayer(LogStore store, EntryPolicy policy) {
    this.store = store;
    this.policy = policy;
  }

  /**
   * Makes the ordered checks of {@code entries} (already {@link CheckedEntry checked}) after {@code
   * state} and appends them durably in one synced write, handing each durable state to {@code
   * durable}. On a bad entry, the good ones before it are appended (they are valid) and the fork is
   * thrown.
   */
  void replay(LogState state, List<CheckedEntry> entries, Consumer<LogState> durable)
      throws ForkDetectedException {
    Batch batch = new Batch(state, durable);
    for (int i = 0; i < entries.size(); i++) {
      long index = state.size() + i;
      CheckedEntry e = entries.get(i);
      try {
        if (e.malformed() != null) {
          throw new MalformedException("entry", e.malformed());
        }
        if (!e.signaturesVerified()) {
          // A key registered after the committed state the check used (e.g. earlier in this
          // page) was unknown to it: commit what came before, then check this one again.
          batch = batch.flush();
          policy.verifySignatures(e.decoded().getEnvelope());
        }
        batch.add(index, e);
      } catch (MalformedException | VerificationException x) {
        batch.flush();
        throw fork(index, e.bytes(), x.getMessage());
      }
    }
    batch.flush();
  }

  private static ForkDetectedException fork(long index, byte[] entry, String reason) {
    return new ForkDetectedException(
        ForkDetectedException.Kind.BAD_ENTRY,
        "entry " + index + " " + reason,
        List.of(),
        index,
        entry);
  }

  /** Entries checked since the last flush, staged in the policy, not yet durable. */
  private final class Batch {
    private final LogState state;
    private final EntryPolicy.Staging staging = policy.stage();
    private final ReplayedEntries pending;
    private final Consumer<LogState> durable;
    private Hash prev;

    Batch(LogState state, Consumer<LogState> durable) {
      this.state = state;
      this.durable = durable;
      this.prev = state.lastLeafHash();
      this.pending = new ReplayedEntries(state.size());
    }

    void add(long index, CheckedEntry checked) throws MalformedException, VerificationException {
      LedgerEntry entry = checked.decoded();
      if (entry.getIndex() != index) {
        throw new VerificationException("says index " + entry.getIndex());
      }
      if (!EntryCodec.prevLeafHash(entry).equals(prev)) {
        throw new VerificationException("breaks the hash chain");
      }
      List<String> subjects = staging.admit(index, entry.getEnvelope(), entry.getIntegratedAt());
      List<SubjectLink> links = links(subjects);
      if (!links.equals(entry.getSubjectLinksList())) {
        throw new VerificationException(
            "has subject links " + entry.getSubjectLinksList() + ", want " + links);
      }
      prev = checked.leafHash();
      staging.applied(index, prev);
      pending.add(checked.bytes(), prev, checked.envelopeHash(), subjects);
    }

    /** For each subject, the leaf hash of the previous entry about it, as the primary links. */
    private List<SubjectLink> links(List<String> subjects) {
      List<SubjectLink> links = new ArrayList<>(subjects.size());
      for (String subject : subjects) {
        Hash before = pending.lastLeafAbout(subject);
        if (before == null) {
          OptionalLong last = store.lastEntryAbout(subject);
          before = last.isEmpty() ? null : store.leafHash(last.getAsLong());
        }
        SubjectLink.Builder link = SubjectLink.newBuilder().setSubject(subject);
        if (before != null) {
          link.setPrevLeafHash(ByteString.copyFrom(before.bytes()));
        }
        links.add(link.build());
      }
      return links;
    }

    /** One synced write of what is pending; returns a fresh batch on top of it. */
    Batch flush() {
      if (pending.isEmpty()) {
        return this;
      }
      Integration in = MerkleTree.integrate(state.size(), pending.leafHashes, store);
      store.append(pending.toBatch(in.toWrite()));
      // crash here: the entries are durable, no checkpoint accepted over them; a restart replays
      // them into the policy and resumes following after them.
      staging.commit();
      LogState next = new LogState(in.size(), prev, state.checkpoint());
      durable.accept(next);
      return new Batch(next, durable);
    }
  }
}
