package org.rmbt.ledger.core.store.rocksdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** The Java-built batch is byte for byte what RocksDB's own puts build, and writes as they do. */
class SerializedBatchTest {
  @TempDir Path dir;

  @Test
  void serializesExactlyAsRocksDbPutsDo() throws Exception {
    RocksDB.loadLibrary();
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options =
            new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        ColumnFamilyOptions family = new ColumnFamilyOptions()) {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (String name : new String[] {"default", "a", "b"}) {
        descriptors.add(new ColumnFamilyDescriptor(name.getBytes(US_ASCII), family));
      }
      try (RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
          WriteOptions write = new WriteOptions()) {
        Random random = new Random(7);
        SerializedBatch ours = new SerializedBatch(16); // small: makes it grow
        try (WriteBatch theirs = new WriteBatch()) {
          for (int i = 0; i < 500; i++) {
            ColumnFamilyHandle h = handles.get(random.nextInt(handles.size()));
            // Lengths across the 1- and 2-byte varint boundary, and a long value.
            byte[] key = bytes(random, 1 + random.nextInt(200));
            byte[] value = bytes(random, i == 7 ? 70_000 : random.nextInt(300));
            ours.put(h, key, value);
            theirs.put(h, key, value);
          }
          assertThat(ours.bytes()).isEqualTo(theirs.data());
          try (WriteBatch rebuilt = ours.toWriteBatch()) {
            db.write(write, rebuilt);
          }
          assertThat(rebuiltCount(db, handles)).isEqualTo(theirs.count());
        } finally {
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
    }
  }

  private static int rebuiltCount(RocksDB db, List<ColumnFamilyHandle> handles) {
    int n = 0;
    for (ColumnFamilyHandle h : handles) {
      try (var it = db.newIterator(h)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          n++;
        }
      }
    }
    return n;
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
