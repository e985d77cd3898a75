package org.rmbt.ledger.core.store.rocksdb;

import java.nio.file.Path;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.LogStoreContract;

/**
 * The whole store contract with the leaf index backlog ingested every two entries, so lookups race
 * with ingests running in the background and find entries on both sides of it.
 */
class RocksLogStoreEagerIngestTest extends LogStoreContract {
  @Override
  protected LogStore create(Path dir) {
    return TestStores.ingestingEvery(dir, 2);
  }

  @Override
  protected LogStore reopen(Path dir, LogStore closed) {
    return TestStores.ingestingEvery(dir, 2);
  }
}
