package org.rmbt.ledger.core.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.store.rocksdb.LeafIndexBacklog.Segment;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;

class LeafIndexFilterTest {
  @TempDir Path dir;

  private final Random random = new Random(3);

  @BeforeEach
  void createEmptyStore() {
    RocksLogStore.open(dir).close();
  }

  /**
   * Pairs put into leaf_index as an ingest would: {@code entries} random (leaf, envelope) pairs.
   */
  private Segment ingest(RocksDB db, ColumnFamilyHandle leafIndex, long first, int entries)
      throws Exception {
    byte[] pairs = new byte[entries * LeafIndexBacklog.PAIR_BYTES];
    random.nextBytes(pairs);
    RawRocks.putPairs(db, leafIndex, first, pairs);
    return new Segment(first, pairs);
  }

  private static List<Hash> keysOf(List<Segment> segments) {
    List<Hash> keys = new ArrayList<>();
    for (Segment s : segments) {
      for (int i = 0; i < 2 * s.count(); i++) {
        keys.add(new Hash(Arrays.copyOfRange(s.pairs(), i * Hash.SIZE, (i + 1) * Hash.SIZE)));
      }
    }
    return keys;
  }

  @Test
  void theScanOnOpenCoversWhatIsStoredAndIngestsAddTheRest() throws Exception {
    RawRocks.edit(
        dir,
        (RocksDB db, Map<String, ColumnFamilyHandle> family) -> {
          ColumnFamilyHandle leafIndex = family.get("leaf_index");
          List<Segment> before = List.of(ingest(db, leafIndex, 0, 500));
          try (ReadOptions read = new ReadOptions();
              LeafIndexFilter filter = new LeafIndexFilter(db, leafIndex, read, 500, 100_000)) {
            filter.start();
            filter.awaitScans();
            assertThat(keysOf(before)).allMatch(filter::mightContain);
            // Put behind the filter's back: nothing tells it, so most are ruled out.
            List<Segment> unseen = List.of(ingest(db, leafIndex, 500, 500));
            assertThat(keysOf(unseen).stream().filter(filter::mightContain).count()).isLessThan(50);
            filter.ingested(unseen);
            assertThat(keysOf(unseen)).allMatch(filter::mightContain);
          }
        });
  }

  @Test
  void aFilterOutgrownIsRebuiltLargerWithoutLosingKeys() throws Exception {
    RawRocks.edit(
        dir,
        (RocksDB db, Map<String, ColumnFamilyHandle> family) -> {
          ColumnFamilyHandle leafIndex = family.get("leaf_index");
          try (ReadOptions read = new ReadOptions();
              LeafIndexFilter filter = new LeafIndexFilter(db, leafIndex, read, 0, 64)) {
            filter.start();
            filter.awaitScans();
            long first = filter.capacity();
            List<Segment> all = new ArrayList<>();
            for (long at = 0; at < 4_000; at += 100) {
              Segment s = ingest(db, leafIndex, at, 100);
              filter.ingested(List.of(s)); // rebuilds may run meanwhile
              all.add(s);
              assertThat(keysOf(all)).allMatch(filter::mightContain);
            }
            filter.awaitScans();
            assertThat(filter.capacity()).isGreaterThanOrEqualTo(8_000).isGreaterThan(first);
            assertThat(keysOf(all)).allMatch(filter::mightContain);
          }
        });
  }
}
