package org.rmbt.ledger.core.store.rocksdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.store.AppendBatch;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.StoreException;
import org.rmbt.ledger.core.store.StoredCheckpoint;
import org.rmbt.ledger.core.store.StoredCosignature;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The log's storage in RocksDB, one column family per kind of data (see {@link Families}).
 *
 * <p>One writer ({@link #write}, {@link #writeCheckpoint}, {@link #putCheckpoint}), one syncer
 * ({@link #sync}, concurrent with the writer: a batch is written while the WAL is synced for the
 * one before), and any number of concurrent readers. {@link #size()} is the publication point:
 * readers see an entry, or find it by hash, only once a sync has moved it. {@link #close()} waits
 * for calls in flight; later calls that would touch the database throw {@link StoreException}.
 */
public final class RocksLogStore implements LogStore {
  private final RocksTuning tuning;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;
  private final Families families;
  private final LeafIndexBacklog backlog;

  private final StoreLifecycle lifecycle = new StoreLifecycle();

  private final Frontier frontier;
  private final StoreWriter writer;

  private RocksLogStore(
      RocksTuning tuning,
      RocksDB db,
      List<ColumnFamilyHandle> handles,
      Path dir,
      int ingestAt,
      long filterKeys) {
    this.tuning = tuning;
    this.db = db;
    this.handles = List.copyOf(handles);
    this.families = Families.of(handles);
    RecoveredState state = RecoveredState.load(db, tuning.read, families);
    this.frontier = new Frontier(state.size(), state.latest());
    LeafIndexIngest ingest =
        new LeafIndexIngest(db, families, tuning.leafIndexSst, dir.resolve(INGEST_DIR));
    LeafIndexFilter filter =
        new LeafIndexFilter(db, families.leafIndex(), tuning.bulkRead, state.size(), filterKeys);
    this.backlog = LeafIndexBacklog.load(ingest, filter, ingest.load(), state.size(), ingestAt);
    this.writer = new StoreWriter(db, families, tuning, backlog, frontier);
  }

  /** Where leaf_index files are built before ingestion, inside the store's directory. */
  private static final String INGEST_DIR = "leaf-index-ingest";

  /**
   * Opens (creating if missing) the store in {@code dir}.
   *
   * @throws StoreException if RocksDB cannot open it, or its size marker, entries and checkpoints
   *     disagree (the message says which)
   */
  public static RocksLogStore open(Path dir) {
    return open(dir, LeafIndexBacklog.DEFAULT_INGEST_ENTRIES, LeafIndexFilter.MIN_KEYS);
  }

  /**
   * As {@link #open(Path)}, ingesting the leaf index backlog every {@code ingestAt} entries and
   * sizing its filter for at least {@code filterKeys} keys (tests: small values force rebuilds).
   */
  static RocksLogStore open(Path dir, int ingestAt, long filterKeys) {
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    RocksTuning tuning = new RocksTuning();
    RocksDB db = tuning.open(dir, handles);
    try {
      return new RocksLogStore(tuning, db, handles, dir, ingestAt, filterKeys);
    } catch (RuntimeException e) {
      try {
        tuning.closeWith(db, handles);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  @Override
  public long size() {
    return frontier.size();
  }

  @Override
  public void write(AppendBatch batch) {
    lifecycle.run(() -> writer.write(batch));
  }

  @Override
  public void writeCheckpoint(StoredCheckpoint next) {
    lifecycle.run(() -> writer.writeCheckpoint(next));
  }

  @Override
  public void sync() {
    lifecycle.run(writer::sync);
  }

  @Override
  public List<byte[]> readEntries(long from, int count) {
    checkRange(from, count);
    return lifecycle.guarded(
        () -> EntryScan.read(db, readOptions(count), families.entries(), from, count));
  }

  @Override
  public void scanEntries(long from, int count, EntryVisitor visitor) {
    checkRange(from, count);
    lifecycle.run(
        () -> EntryScan.scan(db, readOptions(count), families.entries(), from, count, visitor));
  }

  private void checkRange(long from, int count) {
    if (from < 0 || count < 0) {
      throw new IllegalArgumentException("from and count must be >= 0: " + from + ", " + count);
    }
    long known = frontier.size();
    if (from > known - count) {
      throw new StoreException(
          "entries " + from + "+" + count + " are past the end of the log (size " + known + ")");
    }
  }

  private ReadOptions readOptions(int count) {
    return count >= RocksTuning.BULK_READ_ENTRIES ? tuning.bulkRead : tuning.read;
  }

  @Override
  public List<Hash> readHashes(long[] storedIndexes) {
    List<byte[]> keys = new ArrayList<>(storedIndexes.length);
    for (long index : storedIndexes) {
      if (index < 0) {
        throw new StoreException("stored hash " + index + " was never written");
      }
      keys.add(Keys.of(index));
    }
    List<byte[]> values = keys.isEmpty() ? List.of() : multiGet(families.tree(), keys);
    List<Hash> hashes = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      hashes.add(Keys.hash(storedIndexes[i], values.get(i)));
    }
    return Collections.unmodifiableList(hashes);
  }

  private List<byte[]> multiGet(ColumnFamilyHandle family, List<byte[]> keys) {
    return lifecycle.guarded(
        () -> {
          try {
            // RocksJava wants one handle per key.
            return db.multiGetAsList(tuning.read, Collections.nCopies(keys.size(), family), keys);
          } catch (RocksDBException e) {
            throw new StoreException("batched read failed: " + e.getMessage(), e);
          }
        });
  }

  @Override
  public OptionalLong indexOf(Hash key) {
    return indexesOf(List.of(key)).get(0);
  }

  /** One call for a whole batch's envelopes: the sequencer looks them up together. */
  @Override
  public List<OptionalLong> indexesOf(List<Hash> keys) {
    long known = frontier.size();
    return lifecycle.guarded(
        () -> backlog.indexesOf(keys, known, raw -> multiGet(families.leafIndex(), raw)));
  }

  @Override
  public Optional<StoredCheckpoint> checkpoint(long treeSize) {
    // Past the latest durable one, a checkpoint may be written but not yet synced: not served.
    if (treeSize < 0 || treeSize > frontier.latestSize()) {
      return Optional.empty();
    }
    byte[] note = get(families.checkpoints(), Keys.of(treeSize));
    return note == null ? Optional.empty() : Optional.of(new StoredCheckpoint(treeSize, note));
  }

  private byte[] get(ColumnFamilyHandle family, byte[] key) {
    return lifecycle.guarded(
        () -> {
          try {
            return db.get(family, tuning.read, key);
          } catch (RocksDBException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
          }
        });
  }

  @Override
  public List<Long> entriesAbout(String subject, long fromIndex, int limit) {
    return lifecycle.guarded(
        () ->
            SubjectKeys.scan(
                db, families.subjects(), tuning.read, subject, fromIndex, limit, frontier.size()));
  }

  @Override
  public OptionalLong lastEntryAbout(String subject) {
    return lifecycle.guarded(
        () -> SubjectKeys.last(db, families.subjects(), tuning.read, subject, frontier.size()));
  }

  @Override
  public void putCosignature(StoredCosignature cosignature) {
    lifecycle.guarded(() -> CosignatureKeys.put(db, families, tuning, cosignature));
  }

  @Override
  public List<StoredCosignature> cosignatures(long treeSize) {
    return lifecycle.guarded(() -> CosignatureKeys.list(db, families, tuning, treeSize));
  }

  @Override
  public Optional<StoredCheckpoint> latestCheckpoint() {
    return frontier.latest();
  }

  @Override
  public void putCheckpoint(StoredCheckpoint next, long expectedLatestSize) {
    lifecycle.run(() -> writer.putCheckpoint(next, expectedLatestSize));
  }

  /**
   * Compacts the whole store and waits for it: maintenance for a log at rest (before a backup or a
   * full verification), so that scans do not compete with background compaction for the CPU. Reads
   * and appends may go on meanwhile.
   */
  public void compact() {
    lifecycle.run(() -> RocksTuning.compactAll(db, handles));
  }

  /** The filter in front of leaf_index lookups (for tests). */
  LeafIndexFilter leafIndexFilter() {
    return backlog.filter();
  }

  /** Entries whose hashes are not yet ingested into leaf_index (for tests). */
  long leafIndexBacklog() {
    return backlog.waitingEntries();
  }

  @Override
  public void close() {
    lifecycle.close(
        () -> {
          backlog.close();
          tuning.closeWith(db, handles);
        });
  }
}
