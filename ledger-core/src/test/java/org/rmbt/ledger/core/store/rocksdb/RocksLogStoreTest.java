package org.rmbt.ledger.core.store.rocksdb;

import java.nio.file.Path;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.LogStoreContract;

class RocksLogStoreTest extends LogStoreContract {
  @Override
  protected LogStore create(Path dir) {
    return RocksLogStore.open(dir);
  }

  @Override
  protected LogStore reopen(Path dir, LogStore closed) {
    return RocksLogStore.open(dir);
  }
}
