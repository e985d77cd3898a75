package org.rmbt.ledger.core.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The two threads that write the log. Submissions queue; this thread takes what is queued (up to a
 * batch, waiting at most the configured delay to fill one) and stages it ({@link BatchStager}),
 * while a writer thread commits the batch before as one durable write ({@link BatchCommitter}):
 * staging overlaps the synced write. The writer takes a batch only once it has finished the one
 * before, so at most one batch is staged ahead of the store.
 *
 * <p>A storage fault freezes both: the in-memory state may no longer match the store, so they
 * refuse further appends until the ledger is reopened, which re-checks and recovers.
 */
final class Sequencer implements Runnable {
  private static final long IDLE_POLL_MILLIS = 50;
  private static final long FILL_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final BlockingQueue<Submission> queue;
  private final BatchStager stager;
  private final BatchCommitter committer;
  private final LedgerConfig config;

  /** Hands one task at a time from this thread to the writer. */
  private final SynchronousQueue<WriterTask> handoff = new SynchronousQueue<>();

  private final Thread writer = new Thread(this::write, "rmbt-writer");

  /**
   * True while this thread holds submissions it has not handed over yet: the writer then waits for
   * them instead of storing the last checkpoint on its own, since the next write carries it.
   */
  private volatile boolean staging;

  /** The latest state whose checkpoint is stored: what readers see. */
  private volatile LogState state;

  private volatile RuntimeException frozen;
  private volatile boolean closing; // written under submitLock

  /**
   * Makes "not closing, so enqueue" one step: once {@link #close} has set {@code closing}, every
   * accepted submission is already in the queue, so {@link #run} cannot exit and strand one.
   */
  private final Object submitLock = new Object();

  /** What the writer does next: commit a staged batch, or store the last checkpoint and stop. */
  private sealed interface WriterTask {}

  private record Write(StagedWrite staged) implements WriterTask {}

  private record Stop() implements WriterTask {}

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
    writer.start();
    try {
      while (!(closing && queue.isEmpty())) {
        List<Submission> batch = nextBatch();
        if (!batch.isEmpty()) {
          stage(batch);
        }
        staging = false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      freeze(new LedgerFrozenException("sequencer interrupted", e));
      failQueued(frozen);
    } finally {
      stopWriter(); // also when an Error ends this thread: the writer must not outlive it
    }
  }

  /** Lets the writer finish what it was handed and store the last checkpoint, then waits for it. */
  private void stopWriter() {
    try {
      if (!Thread.currentThread().isInterrupted()) {
        hand(new Stop());
        writer.join();
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.interrupt();
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
    hand(new Write(staged));
  }

  /** Passes {@code task} to the writer; if the writer has died, fails what it carries instead. */
  private void hand(WriterTask task) throws InterruptedException {
    try {
      while (!handoff.offer(task, IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (!writer.isAlive()) {
          failCarried(task, frozen);
          return;
        }
      }
    } catch (InterruptedException e) {
      failCarried(task, new LedgerFrozenException("sequencer interrupted", e));
      throw e;
    }
  }

  private static void failCarried(WriterTask task, RuntimeException cause) {
    if (task instanceof Write w) {
      BatchAnswers.fail(w.staged().batch(), cause);
    }
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

  /**
   * The writer thread: commits what it is handed, in order, until told to stop. When nothing is
   * handed or being staged, it stores the last batch's checkpoint on its own, so callers never wait
   * on an idle log; while a batch is staged or fills, it does not: the next write carries the
   * checkpoint, one sync for both.
   */
  private void write() {
    try {
      for (WriterTask task = nextTask(); !(task instanceof Stop); task = nextTask()) {
        Write w = (Write) task;
        guarded(() -> committer.commit(w.staged(), next -> state = next), w.staged().batch());
      }
      flushGuarded();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      freeze(new LedgerFrozenException("writer interrupted", e));
      committer.abandon(frozen);
    }
  }

  private WriterTask nextTask() throws InterruptedException {
    WriterTask task = handoff.poll();
    while (task == null) {
      if (!staging) {
        flushGuarded();
      }
      task = handoff.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
    return task;
  }

  private void flushGuarded() {
    guarded(() -> committer.flush(next -> state = next), List.of());
  }

  /** Runs a step of the committer; a fault freezes the ledger and fails everyone waiting. */
  private void guarded(Runnable step, List<Submission> batch) {
    if (frozen != null) {
      fail(new LedgerFrozenException("ledger is frozen; reopen it", frozen), batch);
      return;
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      freeze(e);
      fail(e, batch);
    } catch (Error e) {
      // The writer dies with the Error; no caller may be left waiting on it.
      freeze(new LedgerFrozenException("writer failed: " + e, e));
      fail(frozen, batch);
      throw e;
    }
  }

  private synchronized void freeze(RuntimeException cause) {
    if (frozen == null) {
      frozen = cause;
    }
  }

  /** On the writer: fails the batch, the callers waiting for a checkpoint, and what is queued. */
  private void fail(RuntimeException cause, List<Submission> batch) {
    committer.abandon(cause);
    BatchAnswers.fail(batch, cause);
    failQueued(cause);
  }

  private void failQueued(RuntimeException cause) {
    List<Submission> queued = new ArrayList<>();
    queue.drainTo(queued);
    BatchAnswers.fail(queued, cause);
  }
}
