package org.rmbt.ledger.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.store.LogReader;

/**
 * Decodes (fully or the chain-link prefix, by {@link LogVerifier.Mode}), index-checks and
 * leaf-hashes a chunk of entries on every core: the strict decode is most of the cost of verifying
 * a log, and entries do not depend on each other until the hash chain is checked, which the caller
 * does in order afterwards. Owns its threads and stops them on close.
 */
final class ParallelEntryCheck implements AutoCloseable {
  private final LogVerifier.Mode mode;
  private final int slices;
  private final ExecutorService pool;

  ParallelEntryCheck(LogVerifier.Mode mode) {
    this.mode = mode;
    // Two slices a core: a chunk waits for its slowest slice, and smaller ones even that out.
    this.slices = 2 * Runtime.getRuntime().availableProcessors();
    this.pool =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            r -> {
              Thread t = new Thread(r, "rmbt-log-verify");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts checking entries {@code from .. from + count - 1} on every core and returns at once, so
   * the caller can fold the previous chunk into the chain and root meanwhile: that in-order part
   * was a third of the wall time while the cores waited for it. Each slice reads its own entries as
   * well as checking them: reading (a RocksDB scan) costs about as much as hashing.
   */
  Chunk start(LogReader log, long from, int count) {
    CheckedEntry[] out = new CheckedEntry[count];
    List<Future<?>> running = new ArrayList<>(slices);
    for (int s = 0; s < slices; s++) {
      int lo = count * s / slices;
      int hi = count * (s + 1) / slices;
      running.add(pool.submit(() -> checkRange(log, from, lo, hi, out)));
    }
    return new Chunk(out, running);
  }

  /** A chunk being checked: one result per entry once {@link #await} returns. */
  record Chunk(CheckedEntry[] entries, List<Future<?>> running) {
    CheckedEntry[] await() {
      for (Future<?> f : running) {
        ParallelEntryCheck.await(f);
      }
      return entries;
    }
  }

  private void checkRange(LogReader log, long from, int lo, int hi, CheckedEntry[] out) {
    List<byte[]> entries = log.readEntries(from + lo, hi - lo);
    for (int i = lo; i < hi; i++) {
      out[i] = CheckedEntry.of(mode, from + i, entries.get(i - lo));
    }
  }

  private static void await(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("log verification interrupted", e);
    } catch (ExecutionException e) {
      // CheckedEntry.of returns bad data as values: this is a storage fault (rethrown as is) or a
      // bug.
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

  /**
   * One entry after the order-independent checks: its leaf hash and the previous-leaf hash it
   * carries, or the failure to report when the in-order scan reaches it.
   */
  record CheckedEntry(Hash leaf, Hash prevLeafHash, LogVerificationException failure) {
    static CheckedEntry of(LogVerifier.Mode mode, long index, byte[] bytes) {
      try {
        Hash[] hashes =
            mode == LogVerifier.Mode.FULL
                ? LogVerifier.decodeAndHash("entry " + index, index, bytes)
                : LogVerifier.prefixAndHash(index, bytes);
        return new CheckedEntry(hashes[0], hashes[1], null);
      } catch (LogVerificationException e) {
        return new CheckedEntry(null, null, e);
      }
    }
  }
}
