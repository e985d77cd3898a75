package org.rmbt.ledger.core.store.rocksdb;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.core.store.StoreException;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksObject;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;

/**
 * Every native option object the store uses, built once per open store and closed with it (RocksDB
 * options are off-heap: the GC never frees them).
 *
 * <p>The log is write-heavy and append-only: one sequencer thread writes batches synced to disk,
 * reads are point lookups or short range reads by index. The choices below follow from that.
 */
final class RocksTuning implements AutoCloseable {
  /** Column families in handle order; {@code default} must be opened too, but is unused. */
  static final List<String> FAMILIES =
      List.of(
          "default",
          "entries",
          "leaf_index",
          "tree",
          "checkpoints",
          "meta",
          "subjects",
          "cosignatures",
          "index_backlog");

  private static final long MIB = 1L << 20;

  /** Ingested files {@code leaf_index} gathers in L0 before compacting them (see its options). */
  private static final int LEAF_INDEX_L0_FILES = 12;

  final DBOptions db;
  final WriteOptions syncWrite;
  final WriteOptions write;
  final ReadOptions read;
  final ReadOptions bulkRead;

  /** Range reads of at least this many entries use {@link #bulkRead}. */
  static final int BULK_READ_ENTRIES = 1024;

  final List<ColumnFamilyDescriptor> descriptors;

  /** How {@link LeafIndexIngest} writes {@code leaf_index} files: as that family's own tables. */
  final Options leafIndexSst;

  private final List<RocksObject> owned = new ArrayList<>();

  RocksTuning() {
    RocksDB.loadLibrary();
    db = own(dbOptions());
    // sync=true: putCheckpoint (and cosignatures) promise durability before they return.
    syncWrite = own(new WriteOptions().setSync(true));
    // Batches and the sequencer's checkpoints: the WAL record is written (it survives a crash of
    // the process, not of the machine) and an explicit syncWal makes it durable, so that the next
    // batch is written while the disk syncs this one.
    write = own(new WriteOptions().setSync(false));
    read = own(new ReadOptions());
    // Long range reads (whole-log verification, replica catch-up) pass through once: caching
    // their blocks would evict the hot ones and pay an LRU insert per block. Halved the CPU per
    // entry of a hash-only scan of a 300,000-entry log (3.0-3.4 -> 1.9-2.2 µs).
    // A fixed readahead about one verifier slice long (1,024 entries): each slice scans with its
    // own iterator, whose automatic readahead restarted at 8 KiB and grew through ~6 small reads.
    // Hash-only verification of 1 M entries: 1.85-2.5 -> 1.55-1.8 µs CPU/entry (256 KiB and
    // 1-2 MiB measured worse).
    bulkRead = own(new ReadOptions().setFillCache(false).setReadaheadSize(512 * 1024));
    // One shared block cache so entries, hashes and the lookup index compete for one budget.
    Cache cache = own(new LRUCache(128 * MIB));
    // 10 bits/key ≈ 1% false positives. Only leaf_index gets a filter: dedup lookups of new
    // envelopes miss almost always, and a filter answers a miss without touching disk.
    BloomFilter bloom = own(new BloomFilter(10));
    descriptors =
        List.of(
            new ColumnFamilyDescriptor(
                RocksDB.DEFAULT_COLUMN_FAMILY, own(new ColumnFamilyOptions())),
            family("entries", entriesOptions(cache)),
            family("leaf_index", leafIndexOptions(cache, bloom)),
            family("tree", hashOptions(cache, null, 32 * MIB)),
            family("checkpoints", smallOptions()),
            family("meta", smallOptions()),
            family("subjects", subjectOptions(cache)),
            family("cosignatures", smallOptions()),
            family("index_backlog", backlogOptions()));
    leafIndexSst = own(leafIndexSstOptions(cache, bloom));
  }

  private static DBOptions dbOptions() {
    return new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        // One writer thread: there is no write group to pipeline. (Readers see a batch only once
        // the store's size covers it, after the WAL sync: RocksLogStore.sync.)
        .setEnablePipelinedWrite(false)
        // Flush all families together, so the SST files never hold part of a batch that the WAL
        // no longer has (matters if a WAL tail is ever lost).
        .setAtomicFlush(true)
        // A torn WAL tail is a batch whose append never returned: drop it and open. Stricter
        // modes would refuse to open after an ordinary crash mid-write.
        .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
        // Spread SST writes out instead of one large fsync stalling the next sync write.
        .setBytesPerSync(MIB)
        .setMaxBackgroundJobs(4);
  }

  /** Entry bytes: large-ish protobufs written once in index order, read by range. */
  private ColumnFamilyOptions entriesOptions(Cache cache) {
    return own(new ColumnFamilyOptions())
        // Bigger memtables mean fewer, larger L0 files under a steady append stream.
        .setWriteBufferSize(64 * MIB)
        .setMaxWriteBufferNumber(3)
        // LZ4 is cheap enough for the write path; payload text and repeated field tags compress,
        // signatures and hashes do not, so nothing stronger is worth the CPU.
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
  }

  /**
   * {@code leaf_index} gets its keys only as ingested files ({@link LeafIndexIngest}), one per
   * 65,536 entries, each overlapping every other (random keys), so each L0 → L1 compaction rewrites
   * all of L1. Waiting for 12 files instead of RocksDB's 4 rewrites L1 a third as often (bytes
   * rewritten per entry at a million entries: ~360 → ~170). Lookups pay for the extra L0 files only
   * when {@link LeafIndexFilter} lets them through (duplicates, ~1.5 % of misses): one more bloom
   * probe per file. Unsigned appends, batch 1000, entries 400,000–800,000 (A/B): 75,258 and 90,806
   * → 107,750 and 109,916 /s, compaction threads 2.2–3.0 → under 0.5 µs/entry.
   */
  private ColumnFamilyOptions leafIndexOptions(Cache cache, BloomFilter bloom) {
    return hashOptions(cache, bloom, 32 * MIB)
        .setLevel0FileNumCompactionTrigger(LEAF_INDEX_L0_FILES)
        .setLevel0SlowdownWritesTrigger(3 * LEAF_INDEX_L0_FILES)
        .setLevel0StopWritesTrigger(5 * LEAF_INDEX_L0_FILES);
  }

  /** 32-byte hashes as keys or values: random bytes, so compression only costs CPU. */
  private ColumnFamilyOptions hashOptions(Cache cache, BloomFilter bloom, long writeBuffer) {
    return own(new ColumnFamilyOptions())
        .setWriteBufferSize(writeBuffer)
        .setMaxWriteBufferNumber(3)
        .setCompressionType(CompressionType.NO_COMPRESSION)
        .setBottommostCompressionType(CompressionType.NO_COMPRESSION)
        // Keep the filter in the last level too: leaf_index lookups are mostly misses (every new
        // envelope's duplicate check), which a filter answers without reading a block.
        .setOptimizeFiltersForHits(false)
        .setTableFormatConfig(hashTable(cache, bloom));
  }

  private static BlockBasedTableConfig hashTable(Cache cache, BloomFilter bloom) {
    BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache);
    return bloom == null ? table : table.setFilterPolicy(bloom);
  }

  /**
   * leaf_index files built outside the database ({@link LeafIndexIngest}) with the family's table
   * format and filter, so ingested files read like flushed ones.
   */
  private Options leafIndexSstOptions(Cache cache, BloomFilter bloom) {
    return new Options()
        .setCompressionType(CompressionType.NO_COMPRESSION)
        .setTableFormatConfig(hashTable(cache, bloom));
  }

  /**
   * A batch's hashes waiting for ingestion: one value per batch, written once, deleted by range
   * soon after. As large a memtable as entries', so it does not force the atomic flush of every
   * family early.
   */
  private ColumnFamilyOptions backlogOptions() {
    return own(new ColumnFamilyOptions())
        .setWriteBufferSize(64 * MIB)
        .setMaxWriteBufferNumber(3)
        .setCompressionType(CompressionType.NO_COMPRESSION);
  }

  /**
   * Subject postings: keys only (subject ‖ 0x00 ‖ index), read by short forward scans from a seek;
   * the subject prefix repeats, so cheap compression pays.
   */
  private ColumnFamilyOptions subjectOptions(Cache cache) {
    return own(new ColumnFamilyOptions())
        .setWriteBufferSize(16 * MIB)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
  }

  /**
   * Checkpoints, cosignatures and meta: a few small values; small memtables keep their flushes
   * cheap.
   */
  private ColumnFamilyOptions smallOptions() {
    return own(new ColumnFamilyOptions()).setWriteBufferSize(4 * MIB);
  }

  private static ColumnFamilyDescriptor family(String name, ColumnFamilyOptions options) {
    return new ColumnFamilyDescriptor(name.getBytes(US_ASCII), options);
  }

  private <T extends RocksObject> T own(T object) {
    owned.add(object);
    return object;
  }

  /**
   * Opens (creating if missing) the database in {@code dir} with these options, adding a handle per
   * family to {@code handles} in {@link #FAMILIES} order. On failure these options are closed.
   */
  RocksDB open(Path dir, List<ColumnFamilyHandle> handles) {
    try {
      Files.createDirectories(dir);
      return RocksDB.open(db, dir.toString(), descriptors, handles);
    } catch (IOException | RocksDBException e) {
      close();
      throw new StoreException("cannot open RocksDB at " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Compacts every family of {@code db} fully; returns when done. */
  static void compactAll(RocksDB db, List<ColumnFamilyHandle> handles) {
    try {
      for (ColumnFamilyHandle h : handles) {
        db.compactRange(h);
      }
    } catch (RocksDBException e) {
      throw new StoreException("compaction failed: " + e.getMessage(), e);
    }
  }

  /**
   * Closes {@code db} and then these options. Handles before the database, the database before its
   * options: RocksDB's required order.
   */
  void closeWith(RocksDB db, List<ColumnFamilyHandle> handles) {
    try {
      handles.forEach(ColumnFamilyHandle::close);
      db.closeE(); // frees the database even when it reports an error
    } catch (RocksDBException e) {
      throw new StoreException("closing RocksDB reported: " + e.getMessage(), e);
    } finally {
      close();
    }
  }

  /** Closes in reverse creation order; call only after the database and its handles are closed. */
  @Override
  public void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      owned.get(i).close();
    }
    owned.clear();
  }
}
