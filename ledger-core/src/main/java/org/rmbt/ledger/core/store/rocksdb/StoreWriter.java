package org.rmbt.ledger.core.store.rocksdb;

import org.rmbt.ledger.core.store.AppendBatch;
import org.rmbt.ledger.core.store.CheckpointSwap;
import org.rmbt.ledger.core.store.StoreException;
import org.rmbt.ledger.core.store.StoredCheckpoint;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The write side of a {@link RocksLogStore}: batches and checkpoints written to the WAL without
 * waiting for the disk, and syncs that make them durable and then visible ({@link Frontier}). One
 * writer and one syncer may run at once: a sync holds the write lock only to take what it covers,
 * so the next batch is written while the disk syncs this one.
 */
final class StoreWriter {
  private final RocksDB db;
  private final Families families;
  private final RocksTuning tuning;
  private final LeafIndexBacklog backlog;
  private final Frontier frontier;

  /** Serialises writers, so the checks and the write they guard cannot interleave. */
  private final Object writeLock = new Object();

  /** Serialises syncs. */
  private final Object syncLock = new Object();

  StoreWriter(
      RocksDB db,
      Families families,
      RocksTuning tuning,
      LeafIndexBacklog backlog,
      Frontier frontier) {
    this.db = db;
    this.families = families;
    this.tuning = tuning;
    this.backlog = backlog;
    this.frontier = frontier;
  }

  void write(AppendBatch batch) {
    synchronized (writeLock) {
      frontier.checkBatchStart(batch.firstIndex());
      SerializedBatch serialized = new SerializedBatch(Families.expectedBytes(batch));
      LeafIndexBacklog.Segment segment = families.stage(batch, serialized);
      try (WriteBatch wb = serialized.toWriteBatch()) {
        // crash during write: the batch is one WAL record; recovery keeps all of it or none.
        db.write(tuning.write, wb);
      } catch (RocksDBException e) {
        // The WAL may or may not hold the batch now, and RocksDB may have stopped taking writes:
        // the caller treats this as fatal and reopens.
        throw new StoreException(
            "write at " + batch.firstIndex() + " failed: " + e.getMessage(), e);
      }
      if (segment.count() > 0) {
        backlog.add(segment); // lookups see it only below size, i.e. once synced
      }
      frontier.wroteBatch(segment.end());
    }
  }

  void writeCheckpoint(StoredCheckpoint next) {
    synchronized (writeLock) {
      long latestWritten = frontier.latestWrittenCheckpointSize();
      CheckpointSwap.check(latestWritten, latestWritten, next.size(), frontier.size());
      put(next, tuning.write);
      frontier.wroteCheckpoint(next);
    }
  }

  void sync() {
    synchronized (syncLock) {
      Frontier.Written written;
      synchronized (writeLock) {
        written = frontier.written();
      }
      try {
        db.syncWal();
      } catch (RocksDBException e) {
        throw new StoreException("sync failed: " + e.getMessage(), e);
      }
      // crash here: all of it is durable; reopen finds it.
      frontier.synced(written);
    }
  }

  void putCheckpoint(StoredCheckpoint next, long expectedLatestSize) {
    synchronized (writeLock) {
      CheckpointSwap.check(
          frontier.latestWrittenCheckpointSize(), expectedLatestSize, next.size(), frontier.size());
      // Synced: the WAL's sync makes everything written before it durable too.
      put(next, tuning.syncWrite);
      // crash here: the checkpoint is durable and reopen serves it as the latest.
      frontier.wroteCheckpoint(next);
      frontier.synced(next);
    }
  }

  /** Sizes only grow past the latest, so no other bytes can be stored under next.size(). */
  private void put(StoredCheckpoint next, WriteOptions options) {
    try {
      db.put(families.checkpoints(), options, Keys.of(next.size()), next.note());
    } catch (RocksDBException e) {
      // As for a batch: the checkpoint may be in the WAL after all; reopening tells.
      throw new StoreException("checkpoint " + next.size() + " failed: " + e.getMessage(), e);
    }
  }
}
