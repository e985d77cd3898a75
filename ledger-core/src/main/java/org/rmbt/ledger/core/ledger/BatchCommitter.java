package org.rmbt.ledger.core.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.rmbt.ledger.core.merkle.StoredHashes;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.store.AppendBatch;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.StoredCheckpoint;
import org.rmbt.ledger.proto.LedgerEntry;
import org.rmbt.ledger.proto.SubjectLink;

/**
 * One batch, split at its crash points: stage (admit by the policy, assign indexes, link subjects,
 * build entries) → commit (one synced write of the entries and tree hashes, carrying the previous
 * batch's checkpoint) → sign a checkpoint over the now durable state → store it (with the next
 * batch, or on its own when nothing else is queued) → publish and answer. Runs on the sequencer
 * thread, except answering (see {@link #commit}).
 *
 * <p>Pipelining the checkpoint into the next batch's write halves the syncs under load while
 * keeping DESIGN.md's order: a checkpoint is signed only over entries already durable, and stored
 * before anyone is answered with it.
 */
final class BatchCommitter {
  private final LogStore store;
  private final LogSigner signer;
  private final LongSupplier clock;
  private final EntryPolicy policy;
  private final Executor answers;

  /** Everything durable or being written; its checkpoint is signed, maybe not yet stored. */
  private LogState tip;

  /** Size of the latest stored checkpoint. */
  private long storedSize;

  /** The batch whose checkpoint is signed but not yet stored, or null. */
  private Pending pending;

  private record Pending(
      LogState state, List<Submission> batch, StagedBatch staged, HashReader proofs) {}

  /**
   * @param initial the opened log, its checkpoint stored
   * @param answers runs each batch's answer step (inclusion proofs, then completing the callers);
   *     it must run every task it accepts, or run it on the submitting thread
   */
  BatchCommitter(
      LogStore store,
      LogSigner signer,
      LongSupplier clock,
      EntryPolicy policy,
      Executor answers,
      LogState initial) {
    this.store = store;
    this.signer = signer;
    this.clock = clock;
    this.policy = policy;
    this.answers = answers;
    this.tip = initial;
    this.storedSize = initial.size();
  }

  /**
   * Commits {@code batch} on top of the tip. Its callers are answered once a checkpoint over it is
   * stored: by the next commit or by {@link #flush}. Answers are computed on {@code answers}, off
   * the sequencer thread: a batch's inclusion proofs cost about a fifth of the sequencer's time,
   * and everything they read is durable by then.
   *
   * @param publish receives each state whose checkpoint is now stored, so that readers see it
   */
  void commit(List<Submission> batch, Consumer<LogState> publish) {
    EntryPolicy.Staging admission = policy.stage();
    StagedBatch staged = stage(batch, tip, admission);
    if (staged.entries.isEmpty()) {
      // Duplicates may point into the pending batch: answer with its checkpoint stored.
      flush(publish);
      LogState state = tip;
      answers.execute(() -> BatchAnswers.answerOrFail(batch, staged, state, store));
      return;
    }
    Integration in = MerkleTree.integrate(tip.size(), staged.leafHashes, store);
    Pending carried = pending;
    store.append(
        new AppendBatch(
            tip.size(),
            staged.entries,
            staged.leafHashes,
            staged.envelopeHashes,
            in.toWrite(),
            staged.postings,
            Optional.ofNullable(carried).map(p -> stored(p.state))));
    admission.commit();
    // crash here: reopen finds the batch with no checkpoint over it and signs one
    if (carried != null) {
      release(carried, publish);
    }
    SignedCheckpoint cp = signer.sign(in.size(), in.root());
    tip = new LogState(in.size(), staged.leafHashes.get(staged.leafHashes.size() - 1), cp);
    pending = new Pending(tip, batch, staged, new BatchHashReader(store, in.toWrite()));
  }

  /** Stores the tip's checkpoint if no batch has carried it yet, then answers its batch. */
  void flush(Consumer<LogState> publish) {
    Pending p = pending;
    if (p != null) {
      store.putCheckpoint(stored(p.state), storedSize);
      // crash here: all durable, nobody answered; a retry is answered as a duplicate
      release(p, publish);
    }
  }

  /**
   * After a storage fault: fails the callers still waiting for a checkpoint. Their entries are
   * durable; after a reopen signs a checkpoint, a retry is answered as a duplicate.
   */
  void abandon(RuntimeException cause) {
    if (pending != null) {
      BatchAnswers.fail(pending.batch, cause);
      pending = null;
    }
  }

  private void release(Pending p, Consumer<LogState> publish) {
    pending = null;
    storedSize = p.state.size();
    publish.accept(p.state);
    answers.execute(() -> BatchAnswers.answerOrFail(p.batch, p.staged, p.state, p.proofs));
  }

  private static StoredCheckpoint stored(LogState state) {
    return new StoredCheckpoint(state.size(), state.checkpoint().note());
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
          EntryCodec.encodeEntry(
              LedgerEntry.newBuilder()
                  .setIndex(index)
                  .setPrevLeafHash(UnsafeByteOperations.unsafeWrap(prev.bytes()))
                  .setIntegratedAt(integratedAt)
                  .addAllSubjectLinks(links(subjects, s))
                  .build(),
              sub.envelopeBytes());
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
}
