package org.rmbt.ledger.core.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rmbt.ledger.core.store.SampleBatches.batch;
import static org.rmbt.ledger.core.store.SampleBatches.envelopeHash;
import static org.rmbt.ledger.core.store.SampleBatches.leafHash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.store.StoreException;
import org.rocksdb.RocksIterator;

class LeafIndexBacklogTest {
  private static final int INGEST_AT = 100;

  @TempDir Path dir;

  @Test
  void ingestedAndWaitingEntriesAreFoundBeforeAndAfterReopen() throws Exception {
    try (RocksLogStore store = TestStores.ingestingEvery(dir, INGEST_AT)) {
      appendBatchesOf(store, 30, 0, 350);
      awaitBacklogBelow(store, INGEST_AT);
      assertAllFound(store, 350);
    }
    // Ingested batches left the backlog; what waits is fewer than INGEST_AT entries at the end.
    assertThat(backlogKeys()).allSatisfy(k -> assertThat(k).isGreaterThan(350 - INGEST_AT));
    try (RocksLogStore store = TestStores.ingestingEvery(dir, INGEST_AT)) {
      assertAllFound(store, 350);
      appendBatchesOf(store, 30, 350, 100);
      awaitBacklogBelow(store, INGEST_AT);
      assertAllFound(store, 450);
    }
  }

  /** With the filter built, absent keys stop there: every ingested key must still pass it. */
  @Test
  void lookupsThroughTheFilterFindEveryEntryBeforeAndAfterReopen() throws Exception {
    try (RocksLogStore store = RocksLogStore.open(dir, INGEST_AT, 1_000_000)) {
      store.leafIndexFilter().start();
      store.leafIndexFilter().awaitScans(); // built over the empty log: ingests alone fill it
      appendBatchesOf(store, 30, 0, 600);
      awaitBacklogBelow(store, INGEST_AT);
      assertThat(store.leafIndexFilter().capacity()).isPositive();
      assertAllFound(store, 600);
    }
    try (RocksLogStore store = TestStores.ingestingEvery(dir, INGEST_AT)) {
      store.readEntries(0, 600);
      store.leafIndexFilter().awaitScans();
      assertThat(store.leafIndexFilter().capacity()).as("built before any lookup").isZero();
      assertThat(store.indexOf(leafHash(0))).hasValue(0); // the first lookup starts the scan
      store.leafIndexFilter().awaitScans();
      assertThat(store.leafIndexFilter().capacity()).isPositive();
      assertAllFound(store, 600);
    }
  }

  @Test
  void aBacklogNeverIngestedIsLoadedAgainOnOpen() throws Exception {
    try (RocksLogStore store = TestStores.ingestingEvery(dir, 1_000)) {
      appendBatchesOf(store, 50, 0, 200);
      assertThat(store.leafIndexBacklog()).isEqualTo(200);
    }
    try (RocksLogStore store = TestStores.ingestingEvery(dir, 1_000)) {
      assertAllFound(store, 200);
    }
    try (RocksLogStore store = TestStores.ingestingEvery(dir, 150)) {
      awaitBacklogBelow(store, 150); // due at open: ingested without another append
      assertAllFound(store, 200);
    }
    assertThat(backlogKeys()).containsExactly(150L);
  }

  /** A crash after the ingest but before its backlog values were deleted: ingested again. */
  @Test
  void aBacklogAlreadyInTheLeafIndexIsHarmless() throws Exception {
    try (RocksLogStore store = TestStores.ingestingEvery(dir, 1_000)) {
      appendBatchesOf(store, 50, 0, 200);
    }
    RawRocks.edit(dir, RawRocks::copyBacklogToLeafIndex);
    try (RocksLogStore store = TestStores.ingestingEvery(dir, 100)) {
      awaitBacklogBelow(store, 1);
      assertAllFound(store, 200);
    }
  }

  @Test
  void aGapInTheBacklogRefusesToOpen() throws Exception {
    try (RocksLogStore store = TestStores.ingestingEvery(dir, 1_000)) {
      appendBatchesOf(store, 50, 0, 200);
    }
    RawRocks.edit(dir, (db, f) -> db.delete(f.get("index_backlog"), Keys.of(100)));
    assertThatThrownBy(() -> TestStores.ingestingEvery(dir, 1_000))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("backlog skips from index 100 to 150");
  }

  @Test
  void aBacklogShortOfTheSizeRefusesToOpen() throws Exception {
    truncateBacklogValueAt50(64);
    assertThatThrownBy(() -> TestStores.ingestingEvery(dir, 1_000))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("backlog ends at index 99 but meta size is 100");
  }

  @Test
  void aTornBacklogValueRefusesToOpen() throws Exception {
    truncateBacklogValueAt50(1);
    assertThatThrownBy(() -> TestStores.ingestingEvery(dir, 1_000))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("backlog value at 50 has 3199 bytes");
  }

  @Test
  void noBuildFilesAreLeftBehind() throws Exception {
    try (RocksLogStore store = TestStores.ingestingEvery(dir, INGEST_AT)) {
      appendBatchesOf(store, 50, 0, 300);
      awaitBacklogBelow(store, INGEST_AT);
    }
    try (var files = Files.list(dir.resolve("leaf-index-ingest"))) {
      assertThat(files.toList()).isEmpty();
    }
  }

  /** Two batches of 50 stored, then the second one's backlog value cut short by {@code bytes}. */
  private void truncateBacklogValueAt50(int bytes) throws Exception {
    try (RocksLogStore store = TestStores.ingestingEvery(dir, 1_000)) {
      appendBatchesOf(store, 50, 0, 100);
    }
    RawRocks.edit(
        dir,
        (db, f) -> {
          byte[] pairs = db.get(f.get("index_backlog"), Keys.of(50));
          db.put(f.get("index_backlog"), Keys.of(50), Arrays.copyOf(pairs, pairs.length - bytes));
        });
  }

  private static void appendBatchesOf(RocksLogStore store, int batch, long from, int count) {
    for (long i = from; i < from + count; i += batch) {
      store.append(batch(i, (int) Math.min(batch, from + count - i)));
    }
  }

  private static void assertAllFound(RocksLogStore store, long size) {
    for (long i = 0; i < size; i++) {
      assertThat(store.indexOf(leafHash(i))).as("leaf %d", i).hasValue(i);
      assertThat(store.indexOf(envelopeHash(i))).as("envelope %d", i).hasValue(i);
    }
    assertThat(store.indexOf(leafHash(size))).isEmpty();
  }

  private static void awaitBacklogBelow(RocksLogStore store, long entries) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (store.leafIndexBacklog() >= entries) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("backlog still holds " + store.leafIndexBacklog());
      }
      Thread.sleep(5);
    }
  }

  /** First indexes of the batches still in the backlog. */
  private List<Long> backlogKeys() throws Exception {
    List<Long> keys = new ArrayList<>();
    RawRocks.edit(
        dir,
        (db, f) -> {
          try (RocksIterator it = db.newIterator(f.get("index_backlog"))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
              keys.add(Keys.decode("key", it.key()));
            }
          }
        });
    return keys;
  }
}
