package org.rmbt.ledger.core.ledger;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Passes staged batches, one at a time, from one thread of the sequencer's pipeline to the next:
 * the giver waits until the taker has finished the one before, so no thread runs more than one
 * batch ahead of the next.
 */
final class Handoff {
  private static final long POLL_MILLIS = 50;

  /** What the next thread does: take a staged batch, or finish and stop. */
  sealed interface Task {}

  record Batch(StagedWrite staged) implements Task {}

  record Stop() implements Task {}

  private final SynchronousQueue<Task> queue = new SynchronousQueue<>();
  private final Thread taker;

  /**
   * @param taker the thread that takes from this handoff; started by the caller
   */
  Handoff(Thread taker) {
    this.taker = taker;
  }

  Thread taker() {
    return taker;
  }

  /**
   * Passes {@code task} once the taker is ready for it. If the taker has died, fails the callers
   * {@code task} carries with {@code cause} instead; if this thread is interrupted, with a frozen
   * ledger's exception, and rethrows.
   */
  void hand(Task task, Supplier<RuntimeException> cause) throws InterruptedException {
    try {
      while (!queue.offer(task, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (!taker.isAlive()) {
          fail(task, cause.get());
          return;
        }
      }
    } catch (InterruptedException e) {
      fail(task, new LedgerFrozenException("sequencer interrupted", e));
      throw e;
    }
  }

  private static void fail(Task task, RuntimeException cause) {
    if (task instanceof Batch b) {
      BatchAnswers.fail(b.staged().batch(), cause);
    }
  }

  /** The next task, waiting for one. */
  Task take() throws InterruptedException {
    return queue.take();
  }

  /** The next task if one is being handed now, else null. */
  Task poll() {
    return queue.poll();
  }

  /** The next task, or null if none comes within the poll interval. */
  Task pollAWhile() throws InterruptedException {
    return queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Lets the taker finish what it was handed and stop, then waits for it; if this thread is
   * interrupted, interrupts the taker instead.
   */
  void stop() {
    try {
      if (!Thread.currentThread().isInterrupted()) {
        hand(new Stop(), () -> null);
        taker.join();
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    taker.interrupt();
  }
}
