package org.rmbt.ledger.core.ledger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.merkle.HashReader;
import org.rmbt.ledger.core.merkle.Integration;
import org.rmbt.ledger.core.store.AppendBatch;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.StoredCheckpoint;

/**
 * Writes staged batches, split at their crash points: commit (one synced write of the entries and
 * tree hashes, carrying the previous batch's checkpoint) → sign a checkpoint over the now durable
 * state → store it (with the next batch, or on its own when nothing else is queued) → publish and
 * answer. Runs on the sequencer's writer thread, except answering (see {@link #commit}).
 *
 * <p>Pipelining the checkpoint into the next batch's write halves the syncs under load while
 * keeping DESIGN.md's order: a checkpoint is signed only over entries already durable, and stored
 * before anyone is answered with it.
 */
final class BatchCommitter {
  private final LogStore store;
  private final LogSigner signer;
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
  BatchCommitter(LogStore store, LogSigner signer, Executor answers, LogState initial) {
    this.store = store;
    this.signer = signer;
    this.answers = answers;
    this.tip = initial;
    this.storedSize = initial.size();
  }

  /**
   * Commits a staged batch on top of the tip. Its callers are answered once a checkpoint over it is
   * stored: by the next commit or by {@link #flush}. Answers are computed on {@code answers}, off
   * the writer thread: a batch's inclusion proofs cost about a fifth of the sequencer's time, and
   * everything they read is durable by then.
   *
   * @param publish receives each state whose checkpoint is now stored, so that readers see it
   */
  void commit(StagedWrite w, Consumer<LogState> publish) {
    if (!w.writesEntries()) {
      // Duplicates may point into the pending batch: answer with its checkpoint stored.
      flush(publish);
      LogState state = tip;
      answers.execute(() -> BatchAnswers.answerOrFail(w.batch(), w.staged(), state, store));
      return;
    }
    StagedBatch staged = w.staged();
    Integration in = w.integration();
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
    w.admission().commit();
    // crash here: reopen finds the batch with no checkpoint over it and signs one
    if (carried != null) {
      release(carried, publish);
    }
    SignedCheckpoint cp = signer.sign(in.size(), in.root());
    tip = new LogState(in.size(), staged.leafHashes.get(staged.leafHashes.size() - 1), cp);
    pending = new Pending(tip, w.batch(), staged, new BatchHashReader(store, in.toWrite()));
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
}
