package org.rmbt.ledger.core.store.rocksdb;

import java.util.Optional;
import org.rmbt.ledger.core.store.StoreException;
import org.rmbt.ledger.core.store.StoredCheckpoint;

/**
 * Where a {@link RocksLogStore} stands: how far it has written (durable or not) and how far a sync
 * has made it durable, which is what readers see. The "written" side is the writer's: its methods
 * are called under the store's write lock. The visible side is read without locks.
 */
final class Frontier {
  /** Everything written up to a moment, which a sync started after it makes durable. */
  record Written(long end, StoredCheckpoint checkpoint) {}

  private final Object latestLock = new Object();

  private volatile long size;
  private volatile Optional<StoredCheckpoint> latest;

  private long written; // under the store's write lock
  private StoredCheckpoint writtenCheckpoint; // under the store's write lock; null: none since open

  Frontier(long size, Optional<StoredCheckpoint> latest) {
    this.size = size;
    this.written = size;
    this.latest = latest;
  }

  /** Durable entries: what readers see. */
  long size() {
    return size;
  }

  /** The latest durable checkpoint. */
  Optional<StoredCheckpoint> latest() {
    return latest;
  }

  /** The latest checkpoint's size, -1 if none. Cached: RocksDB's lock keeps other processes out. */
  long latestSize() {
    return latest.map(StoredCheckpoint::size).orElse(-1L);
  }

  /** Refuses a batch that does not start where the written log ends. */
  void checkBatchStart(long firstIndex) {
    if (firstIndex != written) {
      throw new StoreException(
          "batch starts at index " + firstIndex + " but the log has " + written);
    }
  }

  void wroteBatch(long end) {
    written = end;
  }

  /** Size of the latest checkpoint written, durable or not. */
  long latestWrittenCheckpointSize() {
    return writtenCheckpoint == null ? latestSize() : writtenCheckpoint.size();
  }

  void wroteCheckpoint(StoredCheckpoint checkpoint) {
    writtenCheckpoint = checkpoint;
  }

  /** What a sync started now covers. */
  Written written() {
    return new Written(written, writtenCheckpoint);
  }

  /** After a sync of {@code w}: readers see it. */
  void synced(Written w) {
    size = Math.max(size, w.end());
    if (w.checkpoint() != null) {
      synced(w.checkpoint());
    }
  }

  /** Makes {@code checkpoint}, durable, the latest readers see, unless a larger one already is. */
  void synced(StoredCheckpoint checkpoint) {
    synchronized (latestLock) {
      if (checkpoint.size() > latestSize()) {
        latest = Optional.of(checkpoint);
      }
    }
  }
}
