package org.rmbt.ledger.core.ledger;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.merkle.HashReader;
import org.rmbt.ledger.core.merkle.Integration;
import org.rmbt.ledger.core.merkle.MerkleTree;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.merkle.StoredHashes;
import org.rmbt.ledger.core.store.AppendBatch;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.StoredCheckpoint;
import org.rmbt.ledger.proto.LedgerEntry;
import org.rmbt.ledger.proto.SubjectLink;

/**
 * One batch, split at its crash points: stage (admit by the policy, assign indexes, link subjects,
 * build entries) → commit (one synced write of entries and tree hashes) → publish (sign and store a
 * checkpoint over durable state) → answer. Runs on the sequencer thread, except answering (see
 * {@link #commit}).
 */
final class BatchCommitter {
  private final LogStore store;
  private final LogSigner signer;
  private final LongSupplier clock;
  private final EntryPolicy policy;
  private final Executor answers;

  /**
   * @param answers runs each batch's answer step (inclusion proofs, then completing the callers);
   *     it must run every task it accepts, or run it on the submitting thread
   */
  BatchCommitter(
      LogStore store, LogSigner signer, LongSupplier clock, EntryPolicy policy, Executor answers) {
    this.store = store;
    this.signer = signer;
    this.clock = clock;
    this.policy = policy;
    this.answers = answers;
  }

  /**
   * Commits {@code batch} on top of {@code state}, hands the new state to {@code publish} so that
   * readers see it, then has every caller answered: an answered caller always finds its entry.
   * Answers are computed on {@code answers}, off the sequencer thread: a batch's inclusion proofs
   * cost about a fifth of the sequencer's time, and everything they read is durable by now.
   */
  LogState commit(List<Submission> batch, LogState state, Consumer<LogState> publish) {
    EntryPolicy.Staging admission = policy.stage();
    StagedBatch staged = stage(batch, state, admission);
    LogState next = state;
    HashReader reader = store;
    if (!staged.entries.isEmpty()) {
      Integration in = MerkleTree.integrate(state.size(), staged.leafHashes, store);
      store.append(
          new AppendBatch(
              state.size(),
              staged.entries,
              staged.leafHashes,
              staged.envelopeHashes,
              in.toWrite(),
              staged.postings));
      admission.commit();
      // crash here: reopen finds the batch with no checkpoint over it and signs one
      SignedCheckpoint cp = signer.sign(in.size(), in.root());
      store.putCheckpoint(new StoredCheckpoint(in.size(), cp.note()), state.size());
      // crash here: all durable, nobody answered; a retry is answered as a duplicate
      next = new LogState(in.size(), staged.leafHashes.get(staged.leafHashes.size() - 1), cp);
      reader = new BatchHashReader(store, in.toWrite());
      publish.accept(next);
    }
    LogState answered = next;
    HashReader proofs = reader;
    answers.execute(() -> answerOrFail(batch, staged, answered, proofs));
    return next;
  }

  private StagedBatch stage(List<Submission> batch, LogState state, EntryPolicy.Staging policy) {
    StagedBatch s = new StagedBatch(batch.size());
    long integratedAt = clock.getAsLong();
    Hash prev = state.lastLeafHash();
    List<OptionalLong> stored = lookup(batch, state);
    for (int i = 0; i < batch.size(); i++) {
      Submission sub = batch.get(i);
      Long inBatch = s.indexByEnvelope.get(sub.envelopeHash());
      OptionalLong logged = inBatch != null ? OptionalLong.of(inBatch) : stored.get(i);
      if (logged.isPresent()) {
        s.duplicateOf(logged.getAsLong());
        continue;
      }
      long index = state.size() + s.entries.size();
      List<String> subjects;
      try {
        subjects = policy.admit(index, sub.envelope(), integratedAt);
      } catch (MalformedException | VerificationException e) {
        s.refuse(e);
        continue;
      }
      byte[] entry =
          LedgerEntry.newBuilder()
              .setIndex(index)
              .setPrevLeafHash(ByteString.copyFrom(prev.bytes()))
              .setIntegratedAt(integratedAt)
              .addAllSubjectLinks(links(subjects, s))
              .setEnvelope(sub.envelope())
              .build()
              .toByteArray();
      prev = Hashing.leaf(entry);
      policy.applied(index, prev);
      s.add(index, entry, prev, sub.envelopeHash(), subjects);
    }
    return s;
  }

  /** For each subject, the leaf hash of the previous entry about it: the per-subject chain. */
  private List<SubjectLink> links(List<String> subjects, StagedBatch s) {
    List<SubjectLink> links = new ArrayList<>(subjects.size());
    for (String subject : subjects) {
      Hash prev = s.lastLeafAbout.get(subject);
      if (prev == null) {
        OptionalLong last = store.lastEntryAbout(subject);
        prev = last.isEmpty() ? null : leafHashAt(last.getAsLong());
      }
      SubjectLink.Builder link = SubjectLink.newBuilder().setSubject(subject);
      if (prev != null) {
        link.setPrevLeafHash(ByteString.copyFrom(prev.bytes()));
      }
      links.add(link.build());
    }
    return links;
  }

  private Hash leafHashAt(long index) {
    return store.readHashes(new long[] {StoredHashes.storedHashIndex(0, index)}).get(0);
  }

  /**
   * Which submissions are already logged, in one store call for the batch (one multiGet instead of
   * a get per envelope). Envelope and leaf hashes share the lookup index without colliding: a leaf
   * hash covers 0x00 ‖ entry, and no envelope encoding starts with a zero byte (tag 0 is invalid).
   */
  private List<OptionalLong> lookup(List<Submission> batch, LogState state) {
    List<Hash> keys = new ArrayList<>(batch.size());
    for (Submission sub : batch) {
      keys.add(sub.envelopeHash());
    }
    List<OptionalLong> found = new ArrayList<>(store.indexesOf(keys));
    for (int i = 0; i < found.size(); i++) {
      OptionalLong at = found.get(i);
      if (at.isPresent() && at.getAsLong() >= state.size()) {
        found.set(i, OptionalLong.empty());
      }
    }
    return found;
  }

  /**
   * A caller left waiting would hang for good: any failure here fails the batch's callers. A read
   * fault while proving does not freeze the ledger: the durable state is whole, only the answer is
   * lost, and the caller's retry is answered as a duplicate.
   */
  private static void answerOrFail(
      List<Submission> batch, StagedBatch staged, LogState state, HashReader reader) {
    try {
      answer(batch, staged, state, reader);
    } catch (RuntimeException | Error e) {
      for (Submission s : batch) {
        s.result().completeExceptionally(e);
      }
      if (e instanceof Error err) {
        throw err;
      }
    }
  }

  private static void answer(
      List<Submission> batch, StagedBatch staged, LogState state, HashReader reader) {
    long size = state.size();
    for (int i = 0; i < batch.size(); i++) {
      Exception refused = staged.refused.get(i);
      if (refused != null) {
        batch.get(i).result().completeExceptionally(refused);
        continue;
      }
      long index = staged.indexes.get(i);
      Hash leaf = reader.readHashes(new long[] {StoredHashes.storedHashIndex(0, index)}).get(0);
      List<Hash> proof = Proofs.inclusion(index, size, reader);
      batch
          .get(i)
          .result()
          .complete(
              new AppendResult(index, leaf, staged.duplicate.get(i), state.checkpoint(), proof));
    }
  }
}
