package org.rmbt.ledger.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rmbt.ledger.core.store.LogReader;

/**
 * Checks a chunk of entries on every core, in slices ({@link CheckedSlice}): decoding and hashing
 * are most of the cost of verifying a log, and slices depend on each other only through the hash
 * chain at their edges and the root, which the caller links in order afterwards. Owns its threads
 * and stops them on close.
 */
final class ParallelEntryCheck implements AutoCloseable {
  private final LogVerifier.Mode mode;
  private final int slices;
  private final ExecutorService pool;

  ParallelEntryCheck(LogVerifier.Mode mode) {
    this.mode = mode;
    int cores = Runtime.getRuntime().availableProcessors();
    // Two slices a core (a chunk waits for its slowest slice, and smaller ones even that out),
    // rounded up to a power of two so that the slices of a chunk are aligned subtrees.
    this.slices = Integer.highestOneBit(Math.max(1, 4 * cores - 1));
    this.pool =
        Executors.newFixedThreadPool(
            cores,
            r -> {
              Thread t = new Thread(r, "rmbt-log-verify");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts checking entries {@code from .. from + count - 1} on every core and returns at once, so
   * the caller can link the previous chunk meanwhile. Each slice reads its own entries as well as
   * checking them: reading (a RocksDB scan) costs about as much as hashing.
   */
  Chunk start(LogReader log, long from, int count) {
    List<Future<CheckedSlice>> running = new ArrayList<>(slices);
    for (int s = 0; s < slices; s++) {
      long lo = from + (long) count * s / slices;
      long hi = from + (long) count * (s + 1) / slices;
      if (lo < hi) {
        running.add(pool.submit(() -> CheckedSlice.check(mode, log, lo, (int) (hi - lo))));
      }
    }
    return new Chunk(running);
  }

  /** A chunk being checked: its slices in index order once {@link #await} returns. */
  record Chunk(List<Future<CheckedSlice>> running) {
    List<CheckedSlice> await() {
      List<CheckedSlice> out = new ArrayList<>(running.size());
      for (Future<CheckedSlice> f : running) {
        out.add(ParallelEntryCheck.await(f));
      }
      return out;
    }
  }

  private static CheckedSlice await(Future<CheckedSlice> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("log verification interrupted", e);
    } catch (ExecutionException e) {
      // CheckedSlice returns bad data as values: this is a storage fault (rethrown as is) or a bug.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("entry check failed unexpectedly", e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
