package org.rmbt.ledger.core.store.rocksdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.store.StoreException;
import org.rmbt.ledger.core.store.rocksdb.LeafIndexBacklog.Segment;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SstFileWriter;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Moves backlog segments into {@code leaf_index}: one sorted SST file per call, ingested (RocksDB
 * syncs the file and its manifest record before returning), then the segments' backlog values are
 * deleted. Repeating a call after a crash writes the same keys and values again, which is harmless.
 */
final class LeafIndexIngest {
  private static final String FILE_SUFFIX = ".sst";

  private final RocksDB db;
  private final Families families;
  private final Options sstOptions;
  private final Path dir;

  /**
   * @param dir where SST files are built before ingestion; emptied of leftovers from a crash
   */
  LeafIndexIngest(RocksDB db, Families families, Options sstOptions, Path dir) {
    this.db = db;
    this.families = families;
    this.sstOptions = sstOptions;
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      try (var stale = Files.list(dir)) {
        for (Path p : stale.toList()) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot prepare " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The stored backlog, in index order. */
  List<Segment> load() {
    List<Segment> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator(families.backlog())) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        out.add(new Segment(Keys.decode("backlog key", it.key()), it.value()));
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StoreException("cannot read the leaf index backlog: " + e.getMessage(), e);
    }
    return out;
  }

  /** Ingests every pair of {@code segments} (consecutive, in order), then drops their backlog. */
  void ingest(List<Segment> segments) {
    long first = segments.get(0).firstIndex();
    long end = segments.get(segments.size() - 1).end();
    Path file = dir.resolve("leaf_index-" + first + "-" + end + FILE_SUFFIX);
    try {
      write(file, sortedKeys(segments));
      try (IngestExternalFileOptions options = new IngestExternalFileOptions()) {
        options.setMoveFiles(true);
        db.ingestExternalFile(families.leafIndex(), List.of(file.toString()), options);
      }
      Files.deleteIfExists(file);
      try (WriteBatch wb = new WriteBatch();
          WriteOptions unsynced = new WriteOptions()) {
        // Unsynced: lost in a crash, the backlog is ingested again on reopen, to the same result.
        wb.deleteRange(families.backlog(), Keys.of(first), Keys.of(end));
        db.write(unsynced, wb);
      }
    } catch (RocksDBException | IOException e) {
      throw new StoreException(
          "ingesting leaf index " + first + ".." + end + ": " + e.getMessage(), e);
    }
  }

  /** Key (leaf or envelope hash) and 8-byte index of every pair, sorted bytewise by key. */
  static byte[][] sortedKeys(List<Segment> segments) {
    int n = 0;
    for (Segment s : segments) {
      n += 2 * s.count();
    }
    byte[][] rows = new byte[n][];
    int r = 0;
    for (Segment s : segments) {
      for (int i = 0; i < 2 * s.count(); i++) {
        byte[] row = new byte[Hash.SIZE + Keys.LONG_SIZE];
        System.arraycopy(s.pairs(), i * Hash.SIZE, row, 0, Hash.SIZE);
        Keys.write(s.firstIndex() + i / 2, row, Hash.SIZE);
        rows[r++] = row;
      }
    }
    return KeyOrder.sort(rows, Hash.SIZE);
  }

  private void write(Path file, byte[][] rows) throws RocksDBException {
    try (EnvOptions env = new EnvOptions();
        SstFileWriter writer = new SstFileWriter(env, sstOptions)) {
      writer.open(file.toString());
      byte[] key = new byte[Hash.SIZE];
      byte[] value = new byte[Keys.LONG_SIZE];
      byte[] previous = null;
      for (byte[] row : rows) {
        if (previous != null && Arrays.equals(previous, 0, Hash.SIZE, row, 0, Hash.SIZE)) {
          continue; // the same hash twice (never for distinct entries): the first index wins
        }
        System.arraycopy(row, 0, key, 0, Hash.SIZE);
        System.arraycopy(row, Hash.SIZE, value, 0, Keys.LONG_SIZE);
        writer.put(key, value);
        previous = row;
      }
      writer.finish();
    }
  }
}
