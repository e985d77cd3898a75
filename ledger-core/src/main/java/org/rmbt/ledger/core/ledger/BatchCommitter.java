package org.rmbt.ledger.core.ledger;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.merkle.HashReader;
import org.rmbt.ledger.core.merkle.Integration;
import org.rmbt.ledger.core.store.AppendBatch;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.StoredCheckpoint;

/**
 * Makes staged batches durable, split at their crash points: write (the entries and tree hashes, on
 * the writer thread) → sync (on the syncer thread, which also makes the previous batch's checkpoint
 * durable) → sign a checkpoint over the now durable state → write it (durable with the next batch's
 * sync, or a sync of its own when nothing else comes) → publish and answer.
 *
 * <p>The writer writes batch N+1 while the syncer waits for the disk to sync batch N, and one sync
 * covers a batch and the checkpoint before it, while keeping DESIGN.md's order: a checkpoint is
 * signed only over entries already durable, and stored before anyone is answered with it.
 */
final class BatchCommitter {
  private final LogStore store;
  private final LogSigner signer;
  private final Executor answers;

  /** Everything durable; its checkpoint is signed, maybe not yet durable. */
  private LogState tip;

  /** The batch whose checkpoint is written but not yet synced, or null. */
  private Pending pending;

  private record Pending(
      LogState state, List<Submission> batch, StagedBatch staged, HashReader proofs) {}

  /**
   * @param initial the opened log, its checkpoint stored
   * @param answers runs each batch's answer step (inclusion proofs, then completing the callers);
   *     it must run every task it accepts, or run it on the submitting thread
   */
  BatchCommitter(LogStore store, LogSigner signer, Executor answers, LogState initial) {
    this.store = store;
    this.signer = signer;
    this.answers = answers;
    this.tip = initial;
  }

  /** On the writer thread: writes a staged batch's entries and tree hashes, not yet durable. */
  void write(StagedWrite w) {
    if (!w.writesEntries()) {
      return;
    }
    StagedBatch staged = w.staged();
    Integration in = w.integration();
    store.write(
        new AppendBatch(
            in.size() - staged.entries.size(),
            staged.entries,
            staged.leafHashes,
            staged.envelopeHashes,
            in.toWrite(),
            staged.postings));
  }

  /**
   * On the syncer thread, after {@link #write}: syncs the batch, and with it the checkpoint of the
   * batch before, whose callers are then answered; signs and writes the batch's own checkpoint. Its
   * callers are answered once that is durable: by the next commit or by {@link #flush}. Answers are
   * computed on {@code answers}, off this thread: a batch's inclusion proofs cost about a fifth of
   * the sequencer's time, and everything they read is durable by then.
   *
   * @param publish receives each state whose checkpoint is now durable, so that readers see it
   */
  void commit(StagedWrite w, Consumer<LogState> publish) {
    if (!w.writesEntries()) {
      // Duplicates may point into the pending batch: answer with its checkpoint durable.
      flush(publish);
      LogState state = tip;
      answers.execute(() -> BatchAnswers.answerOrFail(w.batch(), w.staged(), state, store));
      return;
    }
    store.sync();
    // crash here: reopen finds the batch with no checkpoint over it and signs one
    w.admission().commit();
    if (pending != null) {
      release(pending, publish);
    }
    StagedBatch staged = w.staged();
    Integration in = w.integration();
    SignedCheckpoint cp = signer.sign(in.size(), in.root());
    tip = new LogState(in.size(), staged.leafHashes.get(staged.leafHashes.size() - 1), cp);
    store.writeCheckpoint(stored(tip));
    pending = new Pending(tip, w.batch(), staged, new BatchHashReader(store, in.toWrite()));
  }

  /** Syncs the tip's checkpoint if no batch has synced it yet, then answers its batch. */
  void flush(Consumer<LogState> publish) {
    Pending p = pending;
    if (p != null) {
      store.sync();
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
    publish.accept(p.state);
    answers.execute(() -> BatchAnswers.answerOrFail(p.batch, p.staged, p.state, p.proofs));
  }

  private static StoredCheckpoint stored(LogState state) {
    return new StoredCheckpoint(state.size(), state.checkpoint().note());
  }
}
