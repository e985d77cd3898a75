package org.rmbt.ledger.core.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that writes the log. Submissions queue; the thread takes what is queued (up to a
 * batch, waiting at most the configured delay to fill one) and commits it as one durable write. A
 * storage fault freezes it: the in-memory state may no longer match the store, so it refuses
 * further appends until the ledger is reopened, which re-checks and recovers.
 */
final class Sequencer implements Runnable {
  private static final long IDLE_POLL_MILLIS = 50;

  private final BlockingQueue<Submission> queue;
  private final BatchCommitter committer;
  private final LedgerConfig config;

  /** The latest state whose checkpoint is stored: what readers see. */
  private volatile LogState state;

  private volatile RuntimeException frozen;
  private volatile boolean closing; // written under submitLock

  /**
   * Makes "not closing, so enqueue" one step: once {@link #close} has set {@code closing}, every
   * accepted submission is already in the queue, so {@link #run} cannot exit and strand one.
   */
  private final Object submitLock = new Object();

  Sequencer(LogState initial, BatchCommitter committer, LedgerConfig config) {
    this.state = initial;
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
    while (!(closing && queue.isEmpty())) {
      List<Submission> batch;
      try {
        batch = nextBatch();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(new LedgerFrozenException("sequencer interrupted", e), new ArrayList<>());
        return;
      }
      if (!batch.isEmpty()) {
        guarded(() -> committer.commit(batch, next -> state = next), batch);
      }
    }
    flush();
  }

  /** Stores the last batch's checkpoint now, rather than with a next batch that is not there. */
  private void flush() {
    guarded(() -> committer.flush(next -> state = next), new ArrayList<>());
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
      frozen = e;
      fail(e, batch);
    } catch (Error e) {
      // The thread dies with the Error; no caller may be left waiting on it.
      frozen = new LedgerFrozenException("sequencer failed: " + e, e);
      fail(frozen, batch);
      throw e;
    }
  }

  /**
   * The next batch: what is queued, up to the batch size, waiting at most the batch delay to fill
   * it. When nothing is queued, the last batch's checkpoint is stored first, so callers never wait
   * on an idle log. While a batch fills, it is not: the next write carries it, one sync for both.
   */
  private List<Submission> nextBatch() throws InterruptedException {
    List<Submission> batch = new ArrayList<>();
    Submission first = queue.poll();
    if (first == null) {
      flush();
      first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
      if (first == null) {
        return batch;
      }
    }
    batch.add(first);
    queue.drainTo(batch, config.maxBatchEntries() - 1);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.maxBatchDelayMillis());
    while (batch.size() < config.maxBatchEntries()) {
      long wait = deadline - System.nanoTime();
      Submission more = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
      if (more == null) {
        break;
      }
      batch.add(more);
      queue.drainTo(batch, config.maxBatchEntries() - batch.size());
    }
    return batch;
  }

  private void fail(RuntimeException cause, List<Submission> batch) {
    committer.abandon(cause);
    queue.drainTo(batch);
    BatchAnswers.fail(batch, cause);
  }
}
