package org.rmbt.ledger.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rmbt.ledger.core.store.SampleBatches.batch;
import static org.rmbt.ledger.core.store.SampleBatches.checkpoint;
import static org.rmbt.ledger.core.store.SampleBatches.entry;
import static org.rmbt.ledger.core.store.SampleBatches.envelopeHash;
import static org.rmbt.ledger.core.store.SampleBatches.leafHash;
import static org.rmbt.ledger.core.store.SampleBatches.treeHash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.hash.Hash;

/**
 * The {@link LogStore} contract, run against every implementation by a tiny subclass (golang/mod
 * {@code sumdb/storage/test.go}). The checkpoint and cosignature rules are in {@link
 * CheckpointContract} and {@link CosignatureContract}, which this class extends so that one
 * subclass runs them all.
 */
public abstract class LogStoreContract extends CosignatureContract {
  @TempDir Path dir;
  protected LogStore store;

  /** A new, empty store in {@code dir}. */
  protected abstract LogStore create(Path dir);

  /** The store in {@code dir} again after {@code closed} was closed, as after a restart. */
  protected abstract LogStore reopen(Path dir, LogStore closed);

  @Override
  protected final LogStore store() {
    return store;
  }

  @Override
  protected final LogStore restarted() {
    store.close();
    store = reopen(dir, store);
    return store;
  }

  @BeforeEach
  void openStore() {
    store = create(dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** Every entry below {@code size} reads back as written, by index and by both hashes. */
  public static void assertHolds(LogReader reader, long size) {
    assertThat(reader.size()).isEqualTo(size);
    List<byte[]> entries = reader.readEntries(0, (int) size);
    long[] indexes = LongStream.range(0, size).toArray();
    List<Hash> hashes = reader.readHashes(indexes);
    for (int i = 0; i < size; i++) {
      assertThat(entries.get(i)).as("entry %d", i).isEqualTo(entry(i));
      assertThat(hashes.get(i)).as("tree hash %d", i).isEqualTo(treeHash(i));
    }
    for (long i : new long[] {0, size / 2, size - 1}) {
      assertThat(reader.indexOf(leafHash(i))).hasValue(i);
      assertThat(reader.indexOf(envelopeHash(i))).hasValue(i);
    }
  }

  @Test
  void emptyStoreHoldsNothing() {
    assertThat(store.size()).isZero();
    assertThat(store.readEntries(0, 0)).isEmpty();
    assertThat(store.readHashes(new long[0])).isEmpty();
    assertThat(store.indexOf(leafHash(0))).isEmpty();
    assertThat(store.latestCheckpoint()).isEmpty();
    assertThat(store.checkpoint(0)).isEmpty();
  }

  @Test
  void appendThenReadRoundTrips() {
    store.append(batch(0, 3));
    assertHolds(store, 3);
    assertThat(store.readEntries(1, 2)).containsExactly(entry(1), entry(2));
  }

  @Test
  void multipleBatchesReadAcrossBoundaries() {
    store.append(batch(0, 2));
    store.append(batch(2, 1));
    store.append(batch(3, 4));
    store.append(batch(7, 0));
    assertHolds(store, 7);
    assertThat(store.readEntries(1, 4)).containsExactly(entry(1), entry(2), entry(3), entry(4));
  }

  @Test
  void readEntriesPastTheEndThrows() {
    store.append(batch(0, 3));
    assertThatThrownBy(() -> store.readEntries(3, 1)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.readEntries(0, 4)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.readEntries(Long.MAX_VALUE, 1))
        .isInstanceOf(StoreException.class);
    assertThat(store.readEntries(3, 0)).isEmpty();
    assertThatThrownBy(() -> store.readEntries(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.readEntries(0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readHashesAnswersInRequestOrder() {
    store.append(batch(0, 4));
    assertThat(store.readHashes(new long[] {3, 0, 3, 1}))
        .containsExactly(treeHash(3), treeHash(0), treeHash(3), treeHash(1));
  }

  @Test
  void readHashesOfAnIndexNeverWrittenThrows() {
    store.append(batch(0, 4));
    assertThatThrownBy(() -> store.readHashes(new long[] {4})).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.readHashes(new long[] {0, 1, 99}))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("99");
    assertThatThrownBy(() -> store.readHashes(new long[] {-1})).isInstanceOf(StoreException.class);
  }

  @Test
  void indexOfFindsLeafAndEnvelopeHashes() {
    store.append(batch(0, 2));
    store.append(batch(2, 2));
    assertThat(store.indexOf(leafHash(2))).isEqualTo(OptionalLong.of(2));
    assertThat(store.indexOf(envelopeHash(3))).isEqualTo(OptionalLong.of(3));
    assertThat(store.indexOf(leafHash(4))).isEmpty();
    assertThat(store.indexOf(Hash.ZERO)).isEmpty();
    assertThat(store.indexesOf(List.of(leafHash(2), Hash.ZERO, envelopeHash(3), leafHash(0))))
        .containsExactly(
            OptionalLong.of(2), OptionalLong.empty(), OptionalLong.of(3), OptionalLong.of(0));
    assertThat(store.indexesOf(List.of())).isEmpty();
  }

  @Test
  void returnedEntriesAreCopies() {
    store.append(batch(0, 1));
    store.readEntries(0, 1).get(0)[0] ^= 1;
    assertThat(store.readEntries(0, 1).get(0)).isEqualTo(entry(0));
  }

  @Test
  void firstIndexMismatchIsRefusedAndWritesNothing() {
    store.append(batch(0, 2));
    for (long first : new long[] {0, 1, 3}) {
      assertThatThrownBy(() -> store.append(batch(first, 2)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("index " + first);
    }
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.indexOf(leafHash(3))).isEmpty();
    assertThat(store.indexOf(envelopeHash(4))).isEmpty();
    assertThatThrownBy(() -> store.readHashes(new long[] {3})).isInstanceOf(StoreException.class);
    store.append(batch(2, 1));
    assertHolds(store, 3);
  }

  @Test
  void largeBatchRoundTrips() {
    store.append(batch(0, 10_000));
    assertHolds(store, 10_000);
    assertThat(store.readEntries(9_990, 10)).hasSize(10);
    store.append(batch(10_000, 1));
    assertThat(store.indexOf(envelopeHash(10_000))).hasValue(10_000);
  }

  @Test
  void subjectIndexAnswersInLogOrderAcrossBatchesAndReopen() {
    store.append(withSubjects(batch(0, 4), "model:a", 0, "model:ab", 1, "model:a", 3));
    store.append(withSubjects(batch(4, 3), "model:a", 5, "cert:x", 6));
    assertThat(store.entriesAbout("model:a", 0, 10)).containsExactly(0L, 3L, 5L);
    assertThat(store.entriesAbout("model:a", 1, 10)).containsExactly(3L, 5L);
    assertThat(store.entriesAbout("model:a", 0, 2)).containsExactly(0L, 3L);
    assertThat(store.entriesAbout("model:ab", 0, 10)).containsExactly(1L);
    assertThat(store.entriesAbout("model:", 0, 10)).isEmpty();
    assertThat(store.lastEntryAbout("model:a")).hasValue(5);
    assertThat(store.lastEntryAbout("cert:x")).hasValue(6);
    assertThat(store.lastEntryAbout("cert:y")).isEmpty();
    store.close();
    store = reopen(dir, store);
    assertThat(store.entriesAbout("model:a", 0, 10)).containsExactly(0L, 3L, 5L);
    assertThat(store.lastEntryAbout("model:ab")).hasValue(1);
  }

  @Test
  void postingsOutsideTheirBatchAreRefused() {
    assertThatThrownBy(() -> withSubjects(batch(0, 2), "model:a", 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SubjectPosting("bad\u0000subject", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The batch with postings given as (subject, index) pairs. */
  private static AppendBatch withSubjects(AppendBatch b, Object... pairs) {
    List<SubjectPosting> postings = new java.util.ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      postings.add(new SubjectPosting((String) pairs[i], ((Number) pairs[i + 1]).longValue()));
    }
    return new AppendBatch(
        b.firstIndex(), b.entries(), b.leafHashes(), b.envelopeHashes(), b.treeHashes(), postings);
  }

  @Test
  void closeAndReopenKeepsEverything() {
    store.append(batch(0, 3));
    store.putCheckpoint(checkpoint(3), -1);
    store.append(batch(3, 2));
    store.putCheckpoint(checkpoint(5), 3);
    store.close();
    store = reopen(dir, store);
    assertHolds(store, 5);
    assertThat(store.latestCheckpoint()).contains(checkpoint(5));
    assertThat(store.checkpoint(3)).contains(checkpoint(3));
    store.append(batch(5, 1));
    store.putCheckpoint(checkpoint(6), 5);
    assertHolds(store, 6);
  }

  @Test
  void closedStoreRefusesWork() {
    store.append(batch(0, 1));
    store.close();
    store.close(); // idempotent
    assertThatThrownBy(() -> store.readEntries(0, 1)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.indexOf(leafHash(0))).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.append(batch(1, 1))).isInstanceOf(StoreException.class);
  }

  @Test
  void readersSeeAConsistentLogWhileOneWriterAppends() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        readers.add(pool.submit(() -> readTailUntil(done)));
      }
      for (long first = 0; first < 1_000; first += 10) {
        store.append(batch(first, 10));
      }
      done.set(true);
      for (Future<Integer> reader : readers) {
        assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      stop(pool, done);
    }
    assertHolds(store, 1_000);
  }

  /** The sequencer's split: one thread writes batches while another syncs, readers meanwhile. */
  @Test
  void readersSeeOnlySyncedBatchesWhileWritingAndSyncingOverlap() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Integer> reader = pool.submit(() -> readTailUntil(done));
      Future<Integer> syncer =
          pool.submit(
              () -> {
                int syncs = 0;
                while (!done.get()) {
                  long before = store.size();
                  store.sync();
                  assertThat(store.size()).isGreaterThanOrEqualTo(before);
                  syncs++;
                }
                return syncs;
              });
      for (long first = 0; first < 1_000; first += 10) {
        store.write(batch(first, 10));
      }
      store.sync();
      assertThat(store.size()).isEqualTo(1_000);
      done.set(true);
      assertThat(syncer.get(60, TimeUnit.SECONDS)).isPositive();
      assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
    } finally {
      stop(pool, done);
    }
    assertHolds(store, 1_000);
  }

  /** Stops the test's threads; before the store closes. */
  private static void stop(ExecutorService pool, AtomicBoolean done) throws InterruptedException {
    done.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
  }

  /** Checks the visible tail over and over until {@code done}; returns the number of passes. */
  private int readTailUntil(AtomicBoolean done) {
    int passes = 0;
    while (!done.get() || passes == 0) {
      long size = store.size();
      if (size > 0) {
        long from = Math.max(0, size - 20);
        List<byte[]> tail = store.readEntries(from, (int) (size - from));
        for (int i = 0; i < tail.size(); i++) {
          assertThat(tail.get(i)).isEqualTo(entry(from + i));
        }
        assertThat(store.indexOf(leafHash(size - 1))).hasValue(size - 1);
        assertThat(store.readHashes(new long[] {size - 1})).containsExactly(treeHash(size - 1));
      }
      passes++;
    }
    return passes;
  }
}
