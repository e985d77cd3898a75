package org.rmbt.ledger.core.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The three threads that write the log, one pipeline. Submissions queue; this thread takes what is
 * queued (up to a batch, waiting at most the configured delay to fill one) and stages it ({@link
 * BatchStager}), while a writer thread writes the batch before ({@link BatchCommitter#write}) and a
 * syncer thread makes the one before that durable, signs its checkpoint and answers ({@link
 * BatchCommitter#commit}): staging, writing and the disk's sync overlap. Each thread takes a batch
 * only once it has finished the one before ({@link Handoff}), so at most two staged batches are
 * ahead of the durable store.
 *
 * <p>A storage fault freezes all three: the in-memory state may no longer match the store, so they
 * refuse further appends until the ledger is reopened, which re-checks and recovers.
 */
final class Sequencer implements Runnable {
  private static final long IDLE_POLL_MILLIS = 50;
  private static final long FILL_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final BlockingQueue<Submission> queue;
  private final BatchStager stager;
  private final BatchCommitter committer;
  private final LedgerConfig config;

  private final Handoff toWriter = new Handoff(new Thread(this::write, "rmbt-writer"));
  private final Handoff toSyncer = new Handoff(new Thread(this::sync, "rmbt-syncer"));

  /**
   * True while this thread holds submissions it has not handed over yet (or more are queued); with
   * {@link #handed}, tells the syncer whether a batch is on its way: it then waits for it instead
   * of syncing the last checkpoint on its own, since that batch's sync covers the checkpoint.
   */
  private volatile boolean staging;

  /** Batches handed to the writer so far; counted before each is handed. */
  private volatile long handed; // written by this thread only

  /** The latest state whose checkpoint is stored: what readers see. */
  private volatile LogState state;

  private volatile RuntimeException frozen;
  private volatile boolean closing; // written under submitLock

  /**
   * Makes "not closing, so enqueue" one step: once {@link #close} has set {@code closing}, every
   * accepted submission is already in the queue, so {@link #run} cannot exit and strand one.
   */
  private final Object submitLock = new Object();

  Sequencer(LogState initial, BatchStager stager, BatchCommitter committer, LedgerConfig config) {
    this.state = initial;
    this.stager = stager;
    this.committer = committer;
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(config.maxQueuedEntries());
  }

  LogState state() {
    return state;
  }

  void submit(Submission s) {
    RuntimeException f = frozen;
    if (f != null) {
      throw new LedgerFrozenException("ledger is frozen after a storage fault; reopen it", f);
    }
    synchronized (submitLock) {
      if (closing) {
        throw new LedgerFrozenException("ledger is closing", null);
      }
      if (!queue.offer(s)) {
        throw new BackpressureException(
            "append queue full (" + config.maxQueuedEntries() + " waiting); retry later");
      }
    }
  }

  /** Stops taking submissions; {@link #run} returns once everything queued is committed. */
  void close() {
    synchronized (submitLock) {
      closing = true;
    }
  }

  @Override
  public void run() {
    toWriter.taker().start();
    try {
      while (!(closing && queue.isEmpty())) {
        List<Submission> batch = nextBatch();
        if (!batch.isEmpty()) {
          stage(batch);
        }
        staging = !queue.isEmpty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      freeze(new LedgerFrozenException("sequencer interrupted", e));
      failQueued(frozen);
    } finally {
      toWriter.stop(); // also when an Error ends this thread: the writer must not outlive it
    }
  }

  private void stage(List<Submission> batch) throws InterruptedException {
    RuntimeException f = frozen;
    if (f != null) {
      BatchAnswers.fail(batch, new LedgerFrozenException("ledger is frozen; reopen it", f));
      return;
    }
    StagedWrite staged;
    try {
      staged = stager.stage(batch);
    } catch (RuntimeException e) {
      freeze(e);
      BatchAnswers.fail(batch, e);
      return;
    } catch (Error e) {
      freeze(new LedgerFrozenException("sequencer failed: " + e, e));
      BatchAnswers.fail(batch, frozen);
      throw e;
    }
    handed++;
    toWriter.hand(new Handoff.Batch(staged), () -> frozenOr("writer"));
  }

  /** The cause to fail callers with when the thread taking their batch has died. */
  private RuntimeException frozenOr(String thread) {
    RuntimeException f = frozen;
    return f != null ? f : new LedgerFrozenException("the " + thread + " thread has stopped", null);
  }

  /**
   * The next batch: what is queued, up to the batch size, waiting at most the batch delay to fill
   * it.
   */
  private List<Submission> nextBatch() throws InterruptedException {
    List<Submission> batch = new ArrayList<>();
    Submission first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
    if (first == null) {
      return batch;
    }
    staging = true;
    batch.add(first);
    queue.drainTo(batch, config.maxBatchEntries() - 1);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.maxBatchDelayMillis());
    for (long wait = deadline - System.nanoTime();
        batch.size() < config.maxBatchEntries() && wait > 0;
        wait = deadline - System.nanoTime()) {
      // Steps, not a wake-up per arrival: signed submissions trickle in one by one.
      LockSupport.parkNanos(Math.min(wait, FILL_STEP_NANOS));
      if (Thread.interrupted()) {
        throw new InterruptedException("while filling a batch");
      }
      queue.drainTo(batch, config.maxBatchEntries() - batch.size());
    }
    return batch;
  }

  /** The writer thread: writes what it is handed, in order, and hands it on to the syncer. */
  private void write() {
    toSyncer.taker().start();
    try {
      for (Handoff.Task task = toWriter.take(); task instanceof Handoff.Batch b; ) {
        if (guarded(() -> committer.write(b.staged()), b.staged().batch())) {
          toSyncer.hand(b, () -> frozenOr("syncer"));
        }
        task = toWriter.take();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      freeze(new LedgerFrozenException("writer interrupted", e));
    } finally {
      toSyncer.stop(); // also after an Error: the syncer must not outlive the writer
    }
  }

  /**
   * The syncer thread: commits what it is handed, in order, until told to stop. When no batch is on
   * its way (none staged, none handed and not yet here), it syncs the last batch's checkpoint on
   * its own, so callers never wait on an idle log; otherwise it does not: the next batch's sync
   * covers the checkpoint. A writer that failed a batch never hands it on, but has frozen the
   * ledger, and then the flush fails the callers waiting here.
   */
  private void sync() {
    try {
      long taken = 0;
      for (Handoff.Task task = nextSyncTask(taken); task instanceof Handoff.Batch b; ) {
        taken++;
        guarded(() -> committer.commit(b.staged(), next -> state = next), b.staged().batch());
        task = nextSyncTask(taken);
      }
      flushGuarded();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      freeze(new LedgerFrozenException("syncer interrupted", e));
      committer.abandon(frozen);
    }
  }

  private Handoff.Task nextSyncTask(long taken) throws InterruptedException {
    Handoff.Task task = toSyncer.poll();
    while (task == null) {
      if (frozen != null || (!staging && handed == taken)) {
        flushGuarded();
      }
      task = toSyncer.pollAWhile();
    }
    return task;
  }

  private void flushGuarded() {
    guarded(() -> committer.flush(next -> state = next), List.of());
  }

  /**
   * Runs a step of the committer; a fault freezes the ledger and fails everyone waiting. Returns
   * whether the step ran and succeeded.
   */
  private boolean guarded(Runnable step, List<Submission> batch) {
    if (frozen != null) {
      fail(new LedgerFrozenException("ledger is frozen; reopen it", frozen), batch);
      return false;
    }
    try {
      step.run();
      return true;
    } catch (RuntimeException e) {
      freeze(e);
      fail(e, batch);
      return false;
    } catch (Error e) {
      // The thread dies with the Error; no caller may be left waiting on it.
      freeze(new LedgerFrozenException(Thread.currentThread().getName() + " failed: " + e, e));
      fail(frozen, batch);
      throw e;
    }
  }

  private synchronized void freeze(RuntimeException cause) {
    if (frozen == null) {
      frozen = cause;
    }
  }

  /**
   * Fails the batch and what is queued; on the syncer also the callers waiting for a checkpoint
   * (its own state: the writer leaves them to it, which fails them at its next step).
   */
  private void fail(RuntimeException cause, List<Submission> batch) {
    if (Thread.currentThread() == toSyncer.taker()) {
      committer.abandon(cause);
    }
    BatchAnswers.fail(batch, cause);
    failQueued(cause);
  }

  private void failQueued(RuntimeException cause) {
    List<Submission> queued = new ArrayList<>();
    queue.drainTo(queued);
    BatchAnswers.fail(queued, cause);
  }
}
