package org.rmbt.ledger.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rmbt.ledger.core.hash.Hash;

/**
 * Decodes, index-checks and leaf-hashes a chunk of entries on every core: the strict decode is most
 * of the cost of verifying a log, and entries do not depend on each other until the hash chain is
 * checked, which the caller does in order afterwards. Owns its threads and stops them on close.
 */
final class ParallelEntryCheck implements AutoCloseable {
  private final int slices;
  private final ExecutorService pool;

  ParallelEntryCheck() {
    this.slices = Runtime.getRuntime().availableProcessors();
    // The caller's thread checks one slice itself, so the pool needs one thread fewer.
    this.pool =
        slices > 1
            ? Executors.newFixedThreadPool(
                slices - 1,
                r -> {
                  Thread t = new Thread(r, "rmbt-log-verify");
                  t.setDaemon(true);
                  return t;
                })
            : null;
  }

  /** One result per entry of {@code chunk}, which starts at index {@code from}. */
  CheckedEntry[] check(long from, List<byte[]> chunk) {
    CheckedEntry[] out = new CheckedEntry[chunk.size()];
    List<Future<?>> running = new ArrayList<>();
    for (int s = 1; s < slices; s++) {
      int lo = chunk.size() * s / slices;
      int hi = chunk.size() * (s + 1) / slices;
      running.add(pool.submit(() -> checkRange(from, chunk, lo, hi, out)));
    }
    checkRange(from, chunk, 0, chunk.size() / slices, out);
    for (Future<?> f : running) {
      await(f);
    }
    return out;
  }

  private static void checkRange(
      long from, List<byte[]> chunk, int lo, int hi, CheckedEntry[] out) {
    for (int i = lo; i < hi; i++) {
      out[i] = CheckedEntry.of("entry " + (from + i), from + i, chunk.get(i));
    }
  }

  private static void await(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("log verification interrupted", e);
    } catch (ExecutionException e) {
      // CheckedEntry.of returns failures as values, so this is a bug, not bad data.
      throw new IllegalStateException("entry check failed unexpectedly", e.getCause());
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /**
   * One entry after the order-independent checks: its leaf hash and the previous-leaf hash it
   * carries, or the failure to report when the in-order scan reaches it.
   */
  record CheckedEntry(Hash leaf, Hash prevLeafHash, LogVerificationException failure) {
    static CheckedEntry of(String where, long index, byte[] bytes) {
      try {
        Hash[] hashes = LogVerifier.decodeAndHash(where, index, bytes);
        return new CheckedEntry(hashes[0], hashes[1], null);
      } catch (LogVerificationException e) {
        return new CheckedEntry(null, null, e);
      }
    }
  }
}
