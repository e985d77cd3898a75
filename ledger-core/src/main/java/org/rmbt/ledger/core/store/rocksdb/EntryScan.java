package org.rmbt.ledger.core.store.rocksdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.rmbt.ledger.core.store.LogReader;
import org.rmbt.ledger.core.store.StoreException;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Reads a run of consecutive entries with one iterator: entries are keyed by big-endian index, so
 * the range is adjacent on disk. A {@code multiGet} of thousands of keys searched the memtables and
 * every level once per key (3.5–4 µs an entry in log verification); a scan pays that once.
 */
final class EntryScan {
  /** Entries are ~0.5 KiB; a larger one grows the buffer once. */
  private static final int INITIAL_VALUE_BYTES = 16 * 1024;

  private EntryScan() {}

  /**
   * Exactly {@code count} values for keys {@code from .. from + count - 1}, in order.
   *
   * @throws StoreException if any key in the range is missing, or the iterator fails
   */
  static List<byte[]> read(
      RocksDB db, ReadOptions read, ColumnFamilyHandle family, long from, int count) {
    List<byte[]> values = new ArrayList<>(count);
    scan(
        db,
        read,
        family,
        from,
        count,
        (index, bytes, length) -> values.add(Arrays.copyOf(bytes, length)));
    return Collections.unmodifiableList(values);
  }

  /**
   * Hands the values for keys {@code from .. from + count - 1} to {@code visitor} in order, in one
   * reused array (grown when a value does not fit), until it returns false.
   *
   * @throws StoreException if any key in the range is missing, or the iterator fails
   */
  static void scan(
      RocksDB db,
      ReadOptions read,
      ColumnFamilyHandle family,
      long from,
      int count,
      LogReader.EntryVisitor visitor) {
    byte[] want = Keys.of(from);
    byte[] key = new byte[Keys.LONG_SIZE + 1]; // one more: a longer key must not compare equal
    byte[] value = new byte[INITIAL_VALUE_BYTES];
    try (RocksIterator it = db.newIterator(family, read)) {
      it.seek(want);
      for (long index = from; index < from + count; index++, it.next()) {
        Keys.write(index, want);
        if (!it.isValid()
            || it.key(key) != Keys.LONG_SIZE
            || !Arrays.equals(key, 0, Keys.LONG_SIZE, want, 0, Keys.LONG_SIZE)) {
          it.status(); // throws if the scan stopped on an error rather than a gap
          throw new StoreException("entry " + index + " is missing in range " + from + "+" + count);
        }
        int length = it.value(value);
        if (length > value.length) {
          value = new byte[Math.max(length, 2 * value.length)];
          it.value(value);
        }
        if (!visitor.visit(index, value, length)) {
          return;
        }
      }
    } catch (RocksDBException e) {
      throw new StoreException("range read failed: " + e.getMessage(), e);
    }
  }
}
