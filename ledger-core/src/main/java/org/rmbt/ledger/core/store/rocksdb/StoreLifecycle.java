package org.rmbt.ledger.core.store.rocksdb;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.rmbt.ledger.core.store.StoreException;

/**
 * Open until closed once: calls that use native handles hold it shared, close holds it exclusive,
 * so no call runs on a freed handle and close waits for the calls in flight.
 */
final class StoreLifecycle {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lock

  /** Runs {@code body} while open; throws {@link StoreException} once closed. */
  <T> T guarded(Supplier<T> body) {
    enter();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  void run(Runnable body) {
    guarded(
        () -> {
          body.run();
          return null;
        });
  }

  /** Runs {@code close} once, after every call in flight; later calls do nothing. */
  void close(Runnable close) {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        close.run();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void enter() {
    lock.readLock().lock();
    if (closed) {
      lock.readLock().unlock();
      throw new StoreException("store is closed");
    }
  }
}
