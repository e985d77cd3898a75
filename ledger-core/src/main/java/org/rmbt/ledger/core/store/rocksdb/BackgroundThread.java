package org.rmbt.ledger.core.store.rocksdb;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The store's background work: one daemon thread each, stopped before the database closes. */
final class BackgroundThread {
  private BackgroundThread() {}

  /** A single daemon thread named {@code name}, running tasks in order. */
  static ExecutorService named(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Interrupts the task in progress, drops those waiting, and returns once the thread is idle: its
   * task may be using the database, which must not close under it.
   */
  static void stop(ExecutorService thread) {
    thread.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        if (thread.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
