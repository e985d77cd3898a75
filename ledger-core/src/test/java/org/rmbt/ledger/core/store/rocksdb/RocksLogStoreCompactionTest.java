package org.rmbt.ledger.core.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rmbt.ledger.core.store.SampleBatches.batch;
import static org.rmbt.ledger.core.store.SampleBatches.checkpoint;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.store.LogStoreContract;
import org.rmbt.ledger.core.store.StoreException;

/** A full compaction keeps everything readable, as written, also after a restart. */
class RocksLogStoreCompactionTest {
  @TempDir Path dir;

  @Test
  void compactionKeepsEveryEntryHashAndCheckpoint() {
    try (RocksLogStore store = RocksLogStore.open(dir)) {
      for (long first = 0; first < 5000; first += 1000) {
        store.append(batch(first, 1000));
      }
      store.putCheckpoint(checkpoint(5000), -1);
      store.compact();
      LogStoreContract.assertHolds(store, 5000);
      assertThat(store.latestCheckpoint()).contains(checkpoint(5000));
      store.append(batch(5000, 10));
    }
    try (RocksLogStore again = RocksLogStore.open(dir)) {
      LogStoreContract.assertHolds(again, 5010);
      assertThat(again.checkpoint(5000)).contains(checkpoint(5000));
    }
  }

  @Test
  void aClosedStoreRefusesToCompact() {
    RocksLogStore store = RocksLogStore.open(dir);
    store.close();
    assertThatThrownBy(store::compact).isInstanceOf(StoreException.class);
  }
}
