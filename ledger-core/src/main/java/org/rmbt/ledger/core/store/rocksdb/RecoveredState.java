package org.rmbt.ledger.core.store.rocksdb;

import java.util.Optional;
import org.rmbt.ledger.core.store.StoreException;
import org.rmbt.ledger.core.store.StoredCheckpoint;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * What a store holds when it opens, after a cheap check of its own bookkeeping: a handful of point
 * reads and seeks, whatever the log's length. The ledger checks that the tail, tree and checkpoint
 * agree; this only refuses a store whose size marker, entries and checkpoints contradict each
 * other.
 */
record RecoveredState(long size, Optional<StoredCheckpoint> latest) {
  static RecoveredState load(RocksDB db, ReadOptions read, Families families) {
    try {
      byte[] sizeBytes = db.get(families.meta(), read, Families.SIZE_KEY);
      long size = sizeBytes == null ? 0 : Keys.decode("meta size", sizeBytes);
      checkEntries(db, read, families.entries(), size, sizeBytes != null);
      Optional<StoredCheckpoint> latest = lastCheckpoint(db, read, families.checkpoints());
      if (latest.isPresent() && latest.get().size() > size) {
        throw damaged(
            "latest checkpoint size " + latest.get().size() + " exceeds meta size " + size);
      }
      return new RecoveredState(size, latest);
    } catch (RocksDBException e) {
      throw new StoreException("cannot read store state: " + e.getMessage(), e);
    }
  }

  /** Entries must be exactly {@code 0 .. size-1}: checked at both ends, not counted. */
  private static void checkEntries(
      RocksDB db, ReadOptions read, ColumnFamilyHandle entries, long size, boolean sizeStored)
      throws RocksDBException {
    try (RocksIterator it = db.newIterator(entries, read)) {
      it.seekToLast();
      it.status();
      if (!it.isValid()) {
        if (size != 0) {
          throw damaged("meta size is " + size + " but entries is empty");
        }
        return;
      }
      long last = Keys.decode("entry key", it.key());
      if (!sizeStored) {
        throw damaged("meta size is missing but entries holds index " + last);
      }
      if (last != size - 1) {
        throw damaged("meta size is " + size + " but the last entry index is " + last);
      }
      it.seekToFirst();
      it.status();
      long first = Keys.decode("entry key", it.key());
      if (first != 0) {
        throw damaged("the first entry index is " + first + ", not 0");
      }
    }
  }

  private static Optional<StoredCheckpoint> lastCheckpoint(
      RocksDB db, ReadOptions read, ColumnFamilyHandle checkpoints) throws RocksDBException {
    try (RocksIterator it = db.newIterator(checkpoints, read)) {
      it.seekToLast();
      it.status();
      if (!it.isValid()) {
        return Optional.empty();
      }
      return Optional.of(new StoredCheckpoint(Keys.decode("checkpoint key", it.key()), it.value()));
    }
  }

  private static StoreException damaged(String what) {
    return new StoreException("store is inconsistent: " + what);
  }
}
