package org.rmbt.ledger.core.store.rocksdb;

import java.nio.file.Path;

/** Stores opened as the production {@link RocksLogStore#open(Path)} does, with test settings. */
public final class TestStores {
  private TestStores() {}

  /**
   * A store that ingests its leaf index backlog every {@code entries} entries, with a leaf index
   * filter that starts small, so that it is rebuilt as the log grows.
   */
  public static RocksLogStore ingestingEvery(Path dir, int entries) {
    return RocksLogStore.open(dir, entries, 64);
  }
}
