package org.rmbt.ledger.core.store.rocksdb;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rmbt.ledger.core.hash.Hash;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * Plain RocksDB access to a closed store's directory, bypassing {@link RocksLogStore}: for tests
 * that damage a log behind the store's back, or compare its whole contents before and after.
 * Families are named as in {@link Families}; keys that are indexes or sizes use {@link #key}.
 */
public final class RawRocks {
  private RawRocks() {}

  /** A change made with plain RocksDB; {@code family} looks a column family up by name. */
  public interface Edit {
    void apply(RocksDB db, Map<String, ColumnFamilyHandle> family) throws Exception;
  }

  /** The 8-byte big-endian key the store uses for an index or size. */
  public static byte[] key(long value) {
    return Keys.of(value);
  }

  /** The key of the store's size marker in {@code meta}. */
  public static byte[] sizeKey() {
    return Families.SIZE_KEY.clone();
  }

  /**
   * Does with plain puts what an ingest of the whole {@code index_backlog} does: every pair into
   * {@code leaf_index}, then the backlog deleted. For tests that damage {@code leaf_index} itself.
   */
  public static void ingestBacklog(RocksDB db, Map<String, ColumnFamilyHandle> family)
      throws Exception {
    copyBacklogToLeafIndex(db, family);
    ColumnFamilyHandle backlog = family.get("index_backlog");
    try (RocksIterator it = db.newIterator(backlog)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        db.delete(backlog, it.key());
      }
    }
  }

  /** Every {@code index_backlog} pair put into {@code leaf_index}; the backlog stays. */
  static void copyBacklogToLeafIndex(RocksDB db, Map<String, ColumnFamilyHandle> family)
      throws Exception {
    try (RocksIterator it = db.newIterator(family.get("index_backlog"))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        putPairs(db, family.get("leaf_index"), Keys.decode("backlog key", it.key()), it.value());
      }
    }
  }

  /**
   * Puts the (leaf hash, envelope hash) pairs of a backlog value for entries from {@code first}
   * into {@code leafIndex} with plain puts: the keys an ingest of them would add.
   */
  static void putPairs(RocksDB db, ColumnFamilyHandle leafIndex, long first, byte[] pairs)
      throws Exception {
    for (int i = 0; i < pairs.length / Hash.SIZE; i++) {
      byte[] hash = Arrays.copyOfRange(pairs, i * Hash.SIZE, (i + 1) * Hash.SIZE);
      db.put(leafIndex, hash, Keys.of(first + i / 2));
    }
  }

  public static void edit(Path dir, Edit edit) throws Exception {
    try (DBOptions options = new DBOptions();
        ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()) {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (String name : RocksTuning.FAMILIES) {
        descriptors.add(new ColumnFamilyDescriptor(name.getBytes(US_ASCII), familyOptions));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      try (RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
        try {
          Map<String, ColumnFamilyHandle> byName = new TreeMap<>();
          for (int i = 0; i < handles.size(); i++) {
            byName.put(RocksTuning.FAMILIES.get(i), handles.get(i));
          }
          edit.apply(db, byName);
        } finally {
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
    }
  }

  /** Every key and value of every family, in hex: equal dumps mean equal logical contents. */
  public static Map<String, Map<String, String>> dump(Path dir) throws Exception {
    Map<String, Map<String, String>> out = new TreeMap<>();
    HexFormat hex = HexFormat.of();
    edit(
        dir,
        (db, family) -> {
          for (Map.Entry<String, ColumnFamilyHandle> f : family.entrySet()) {
            Map<String, String> pairs = new TreeMap<>();
            try (RocksIterator it = db.newIterator(f.getValue())) {
              for (it.seekToFirst(); it.isValid(); it.next()) {
                pairs.put(hex.formatHex(it.key()), hex.formatHex(it.value()));
              }
              it.status();
            }
            out.put(f.getKey(), pairs);
          }
        });
    return out;
  }
}
