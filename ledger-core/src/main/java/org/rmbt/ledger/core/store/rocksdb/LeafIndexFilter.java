package org.rmbt.ledger.core.store.rocksdb;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.store.rocksdb.LeafIndexBacklog.Segment;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A {@link HashFilter} over every key in {@code leaf_index}, so that looking up a new envelope
 * (every append's duplicate check, almost always a miss) rarely reaches RocksDB: a miss there cost
 * ~1–2 µs of the sequencer's CPU per key (the JNI call, then a filter probe in every L0 file and
 * level), ~0.1 µs here.
 *
 * <p>The filter is built by a background scan of {@code leaf_index} (at the first lookup, so that a
 * store opened only to be read or verified never pays for it; and again twice as large whenever the
 * log outgrows it), while {@link #ingested} adds each newly ingested file's keys to it as well.
 * Until a scan completes, {@link #mightContain} answers true: lookups go to RocksDB as before. A
 * scan's iterator is created under the same lock as {@link #ingested} adds: an ingest either
 * precedes the iterator (the scan sees its keys) or adds to the filter being built.
 */
final class LeafIndexFilter implements AutoCloseable {
  /**
   * Smallest filter built: at least 2^21 keys; rounded up to whole powers of two it is 4 MiB for
   * ~3.3 M keys, a log of ~1.6 M entries before the first rebuild.
   */
  static final long MIN_KEYS = 1L << 21;

  private final RocksDB db;
  private final ColumnFamilyHandle leafIndex;
  private final ReadOptions scanRead;
  private final long minKeys;
  private final ExecutorService scanner = BackgroundThread.named("rmbt-leaf-filter");

  private final Object lock = new Object();

  /** Complete over leaf_index, or null before the first scan ends. */
  private volatile HashFilter ready;

  private volatile boolean started;
  private HashFilter building; // guarded by lock
  private long keys; // guarded by lock: keys in leaf_index, an upper bound

  /**
   * A filter for a log of {@code entries} (two keys each: leaf and envelope hash), to be built at
   * the first lookup.
   *
   * @param minKeys smallest capacity built (tests use small ones to force rebuilds)
   */
  LeafIndexFilter(
      RocksDB db, ColumnFamilyHandle leafIndex, ReadOptions scanRead, long entries, long minKeys) {
    this.db = db;
    this.leafIndex = leafIndex;
    this.scanRead = scanRead;
    this.minKeys = minKeys;
    this.keys = 2 * entries;
  }

  /** False only if no key equal to {@code key} is in leaf_index. */
  boolean mightContain(Hash key) {
    HashFilter f = ready;
    if (f == null) {
      start();
      return true;
    }
    return f.mightContain(key);
  }

  /** Starts the first scan, unless started already. */
  void start() {
    if (!started) {
      synchronized (lock) {
        if (!started) {
          started = true;
          startScan();
        }
      }
    }
  }

  /** Adds the keys of {@code segments}, just ingested into leaf_index. */
  void ingested(List<Segment> segments) {
    synchronized (lock) {
      for (Segment s : segments) {
        addPairs(ready, s);
        addPairs(building, s);
        keys += 2L * s.count();
      }
      HashFilter current = ready;
      if (building == null && current != null && keys > current.capacity()) {
        startScan();
      }
    }
  }

  private static void addPairs(HashFilter f, Segment s) {
    if (f == null) {
      return;
    }
    byte[] pairs = s.pairs();
    for (int offset = 0; offset < pairs.length; offset += Hash.SIZE) {
      f.add(pairs, offset);
    }
  }

  /** Starts a scan into a new filter twice the keys known; under lock. */
  private void startScan() {
    HashFilter next = new HashFilter(Math.max(minKeys, 2 * keys));
    try {
      scanner.execute(() -> scan(next));
      building = next;
    } catch (RejectedExecutionException closing) {
      // closed: lookups keep going to RocksDB
    }
  }

  private void scan(HashFilter into) {
    RocksIterator it;
    synchronized (lock) {
      it = db.newIterator(leafIndex, scanRead);
    }
    try (it) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (Thread.currentThread().isInterrupted()) {
          return; // closing: this filter is never used
        }
        into.add(it.key(), 0);
      }
      it.status();
      synchronized (lock) {
        ready = into;
        building = null;
      }
    } catch (RocksDBException | RuntimeException e) {
      // A failed scan leaves lookups going to RocksDB; a storage fault shows up there too.
      synchronized (lock) {
        building = null;
      }
    }
  }

  /** Capacity of the filter in use, 0 if none (tests). */
  long capacity() {
    HashFilter f = ready;
    return f == null ? 0 : f.capacity();
  }

  /** Waits until the scans started so far have ended (tests). */
  void awaitScans() throws InterruptedException {
    try {
      scanner.submit(() -> {}).get();
    } catch (ExecutionException | RejectedExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops a scan in progress; call before the database closes. */
  @Override
  public void close() {
    BackgroundThread.stop(scanner);
  }
}
