package org.rmbt.ledger.core.store.rocksdb;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.store.StoreException;

/**
 * The {@code leaf_index} lookups of recent batches, kept off RocksDB's write path.
 *
 * <p>Two random 32-byte keys per entry cost 10-15 µs of CPU through the memtable, its flush and
 * compaction, a third of a durable append. So a synced batch stores its (leaf hash, envelope hash)
 * pairs as one value in {@code index_backlog} instead, and lookups of its entries are answered from
 * memory here, by {@link BacklogGeneration}s of about {@link #ingestEntries} entries. A full
 * generation is handed to one background thread, which writes it sorted into an SST file and
 * ingests that into {@code leaf_index} ({@link LeafIndexIngest}); only after that is durable are
 * its backlog values deleted and the generation dropped. A crash at any point leaves every entry in
 * the backlog, in {@code leaf_index}, or both: reopening loads the backlog again.
 */
final class LeafIndexBacklog {
  /** Bytes per entry in a backlog value: leaf hash, then envelope hash. */
  static final int PAIR_BYTES = 2 * Hash.SIZE;

  /** Entries per generation: ~5 MiB SST files; ~2 generations held, ~10 MiB each. */
  static final int DEFAULT_INGEST_ENTRIES = 65_536;

  /** Full generations allowed to wait before appends wait for ingestion. */
  private static final int MAX_SEALED = 4;

  /** A batch's pairs, as stored under its first index. */
  record Segment(long firstIndex, byte[] pairs) {
    int count() {
      return pairs.length / PAIR_BYTES;
    }

    long end() {
      return firstIndex + count();
    }
  }

  private final LeafIndexIngest ingest;
  private final LeafIndexFilter filter;
  private final int ingestEntries;
  private final ExecutorService indexer = BackgroundThread.named("rmbt-leaf-index");

  private final Object lock = new Object();

  /** Newest first; readers take the list without the lock. The first is filling. */
  private volatile List<BacklogGeneration> generations; // written under lock

  private boolean ingesting; // guarded by lock
  private StoreException failure; // guarded by lock

  private LeafIndexBacklog(LeafIndexIngest ingest, LeafIndexFilter filter, int ingestEntries) {
    this.ingest = ingest;
    this.filter = filter;
    this.ingestEntries = ingestEntries;
    this.generations = List.of(new BacklogGeneration(ingestEntries));
  }

  /**
   * The backlog as stored: segments must follow each other without gaps and end exactly at {@code
   * size} (every batch stores one, so only ingested ones may be missing, and only from the front).
   */
  static LeafIndexBacklog load(
      LeafIndexIngest ingest,
      LeafIndexFilter filter,
      List<Segment> stored,
      long size,
      int ingestEntries) {
    LeafIndexBacklog backlog = new LeafIndexBacklog(ingest, filter, ingestEntries);
    long next = stored.isEmpty() ? size : stored.get(0).firstIndex();
    for (Segment s : stored) {
      if (s.pairs().length == 0 || s.pairs().length % PAIR_BYTES != 0) {
        throw damaged("backlog value at " + s.firstIndex() + " has " + s.pairs().length + " bytes");
      }
      if (s.firstIndex() != next) {
        throw damaged("backlog skips from index " + next + " to " + s.firstIndex());
      }
      next = s.end();
      backlog.add(s);
    }
    if (next != size) {
      throw damaged("backlog ends at index " + next + " but meta size is " + size);
    }
    return backlog;
  }

  /** The pairs of {@code leafHashes} and {@code envelopeHashes}, as one backlog value. */
  static byte[] pairs(List<Hash> leafHashes, List<Hash> envelopeHashes) {
    byte[] out = new byte[leafHashes.size() * PAIR_BYTES];
    for (int i = 0; i < leafHashes.size(); i++) {
      leafHashes.get(i).copyTo(out, i * PAIR_BYTES);
      envelopeHashes.get(i).copyTo(out, i * PAIR_BYTES + Hash.SIZE);
    }
    return out;
  }

  /**
   * Makes a durable batch's entries findable; call before the store's size covers them. Waits while
   * ingestion is far behind, so memory stays bounded.
   *
   * @throws StoreException if an earlier ingest failed (the store must be reopened)
   */
  void add(Segment segment) {
    synchronized (lock) {
      while (generations.size() > MAX_SEALED && ingesting && failure == null) {
        awaitQuietly();
      }
      if (failure != null) {
        throw new StoreException(failure.getMessage(), failure);
      }
      BacklogGeneration current = generations.get(0);
      current.add(segment); // one writer: readers see it when size says so
      if (current.entries() >= ingestEntries) {
        List<BacklogGeneration> next = new ArrayList<>(generations.size() + 1);
        next.add(new BacklogGeneration(ingestEntries));
        next.addAll(generations);
        generations = List.copyOf(next);
        startIngestIfDue();
      }
    }
  }

  /**
   * Where each key is in the log of size {@code known}: found here, or else in {@code leaf_index}
   * by one call of {@code stored} (keys → values, null where absent) for the rest that its filter
   * does not rule out. Here first: an ingest adds to leaf_index and its filter before its
   * generation is dropped, so no key falls between the two.
   */
  List<OptionalLong> indexesOf(
      List<Hash> keys, long known, Function<List<byte[]>, List<byte[]>> stored) {
    List<BacklogGeneration> held = generations;
    List<OptionalLong> out = new ArrayList<>(keys.size());
    List<byte[]> rest = new ArrayList<>();
    for (Hash k : keys) {
      long index = find(held, k);
      boolean ask = index < 0 && filter.mightContain(k);
      out.add(
          ask ? null : index >= 0 && index < known ? OptionalLong.of(index) : OptionalLong.empty());
      if (ask) {
        rest.add(k.bytes());
      }
    }
    List<byte[]> values = rest.isEmpty() ? List.of() : stored.apply(rest);
    for (int i = 0, v = 0; i < out.size(); i++) {
      if (out.get(i) == null) {
        out.set(i, Keys.logged(values.get(v++), known));
      }
    }
    return out;
  }

  /** The key's index in the first generation that has it, or -1. */
  private static long find(List<BacklogGeneration> held, Hash key) {
    for (BacklogGeneration g : held) {
      long index = g.indexOf(key);
      if (index >= 0) {
        return index;
      }
    }
    return -1;
  }

  /** The lookup filter over leaf_index (tests). */
  LeafIndexFilter filter() {
    return filter;
  }

  /** Entries waiting for ingestion (tests: whether an ingest has happened). */
  long waitingEntries() {
    long n = 0;
    for (BacklogGeneration g : generations) {
      n += g.entries();
    }
    return n;
  }

  /**
   * Stops ingesting after the one in progress, if any, and the filter's scan; what waits stays in
   * the backlog.
   */
  void close() {
    BackgroundThread.stop(indexer);
    filter.close();
  }

  /** Ingests the oldest full generation, if one waits and none is being ingested. */
  private void startIngestIfDue() {
    if (ingesting || generations.size() < 2 || failure != null) {
      return;
    }
    BacklogGeneration oldest = generations.get(generations.size() - 1);
    ingesting = true;
    try {
      indexer.execute(() -> run(oldest));
    } catch (RejectedExecutionException closing) {
      ingesting = false; // closed: the generation stays in the stored backlog
    }
  }

  private void run(BacklogGeneration g) {
    try {
      ingest.ingest(g.segments());
      filter.ingested(g.segments());
      synchronized (lock) {
        List<BacklogGeneration> next = new ArrayList<>(generations);
        next.remove(g); // durable in leaf_index: lookups go to RocksDB from now on
        generations = List.copyOf(next);
        ingesting = false;
        lock.notifyAll();
        startIngestIfDue();
      }
    } catch (RuntimeException e) {
      synchronized (lock) {
        failure = new StoreException("leaf index ingest failed: " + e.getMessage(), e);
        ingesting = false;
        lock.notifyAll();
      }
    }
  }

  private void awaitQuietly() {
    try {
      lock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while the leaf index caught up", e);
    }
  }

  private static StoreException damaged(String what) {
    return new StoreException("store is inconsistent: " + what);
  }
}
