package org.rmbt.ledger.core.store.rocksdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rmbt.ledger.core.store.SampleBatches.batch;
import static org.rmbt.ledger.core.store.SampleBatches.checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.store.StoreException;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** A store whose files were changed behind its back refuses to open and says what disagrees. */
class RocksLogStoreDamageTest {
  @TempDir Path dir;

  /** A change made with plain RocksDB, bypassing the store. */
  private interface RawEdit {
    void apply(RocksDB db, Families families) throws RocksDBException;
  }

  @BeforeEach
  void writeAGoodLog() {
    try (RocksLogStore store = RocksLogStore.open(dir)) {
      store.append(batch(0, 5));
      store.putCheckpoint(checkpoint(5), -1);
    }
  }

  private void tamper(RawEdit edit) throws RocksDBException {
    try (DBOptions options = new DBOptions();
        ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()) {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (String name : RocksTuning.FAMILIES) {
        descriptors.add(new ColumnFamilyDescriptor(name.getBytes(US_ASCII), familyOptions));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      try (RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
        try {
          edit.apply(db, Families.of(handles));
        } finally {
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
    }
  }

  private void assertOpenRefused(String message) {
    assertThatThrownBy(() -> RocksLogStore.open(dir))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining(message);
  }

  @Test
  void metaSizePastTheLastEntry() throws RocksDBException {
    tamper((db, f) -> db.put(f.meta(), Families.SIZE_KEY, Keys.of(7)));
    assertOpenRefused("meta size is 7 but the last entry index is 4");
  }

  @Test
  void lastEntryLost() throws RocksDBException {
    tamper((db, f) -> db.delete(f.entries(), Keys.of(4)));
    assertOpenRefused("meta size is 5 but the last entry index is 3");
  }

  @Test
  void firstEntryLost() throws RocksDBException {
    tamper((db, f) -> db.delete(f.entries(), Keys.of(0)));
    assertOpenRefused("the first entry index is 1, not 0");
  }

  @Test
  void allEntriesLost() throws RocksDBException {
    tamper((db, f) -> db.deleteRange(f.entries(), Keys.of(0), Keys.of(5)));
    assertOpenRefused("meta size is 5 but entries is empty");
  }

  @Test
  void metaSizeLost() throws RocksDBException {
    tamper((db, f) -> db.delete(f.meta(), Families.SIZE_KEY));
    assertOpenRefused("meta size is missing but entries holds index 4");
  }

  @Test
  void metaSizeOfTheWrongLength() throws RocksDBException {
    tamper((db, f) -> db.put(f.meta(), Families.SIZE_KEY, new byte[] {0, 0, 0, 5}));
    assertOpenRefused("meta size must be 8 bytes, found 4");
  }

  @Test
  void checkpointPastTheEntries() throws RocksDBException {
    tamper((db, f) -> db.put(f.checkpoints(), Keys.of(9), checkpoint(9).note()));
    assertOpenRefused("latest checkpoint size 9 exceeds meta size 5");
  }

  @Test
  void refusedOpenReleasesTheDatabase() throws RocksDBException {
    tamper((db, f) -> db.put(f.meta(), Families.SIZE_KEY, Keys.of(7)));
    assertOpenRefused("meta size is 7");
    // Plain RocksDB could not open the directory again if the refused open still held its lock.
    tamper((db, f) -> db.put(f.meta(), Families.SIZE_KEY, Keys.of(5)));
    try (RocksLogStore store = RocksLogStore.open(dir)) {
      assertThat(store.size()).isEqualTo(5);
      assertThat(store.latestCheckpoint()).contains(checkpoint(5));
    }
  }
}
