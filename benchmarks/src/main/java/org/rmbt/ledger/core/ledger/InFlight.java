package org.rmbt.ledger.core.ledger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * At most {@code window} appends in flight, their results dropped as they complete, as a server
 * that answers and forgets does. Holding every future to the end kept each answer (an inclusion
 * proof of ~20 hashes) alive for the whole run, and the GC's copying of that live set was charged
 * to the ledger.
 */
final class InFlight {
  private final int window;
  private final Semaphore slots;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  InFlight(int window) {
    this.window = window;
    this.slots = new Semaphore(window);
  }

  /** Waits for a free slot; call before each append. */
  void acquire() {
    slots.acquireUninterruptibly();
  }

  void track(CompletableFuture<AppendResult> result) {
    result.whenComplete(
        (r, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
          slots.release();
        });
  }

  /** Waits until every tracked append has completed; throws the first failure. */
  void awaitAll() {
    slots.acquireUninterruptibly(window);
    slots.release(window);
    Throwable e = failure.get();
    if (e != null) {
      throw new IllegalStateException("a benchmark append failed", e);
    }
  }
}
