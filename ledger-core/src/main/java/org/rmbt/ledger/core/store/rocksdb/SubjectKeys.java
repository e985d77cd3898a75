package org.rmbt.ledger.core.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * The {@code subjects} family's keys, UTF-8 subject ‖ 0x00 ‖ 8-byte big-endian index, and the scans
 * over them. Subjects hold no NUL, so "subject ‖ 0x00" is a prefix no other subject shares, and
 * big-endian indexes sort in log order within it.
 */
final class SubjectKeys {
  private SubjectKeys() {}

  static byte[] of(String subject, long index) {
    byte[] prefix = prefix(subject);
    byte[] key = Arrays.copyOf(prefix, prefix.length + Keys.LONG_SIZE);
    byte[] idx = Keys.of(index);
    System.arraycopy(idx, 0, key, prefix.length, Keys.LONG_SIZE);
    return key;
  }

  static List<Long> scan(
      RocksDB db,
      ColumnFamilyHandle family,
      ReadOptions read,
      String subject,
      long from,
      int limit,
      long size) {
    byte[] prefix = prefix(subject);
    List<Long> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator(family, read)) {
      for (it.seek(of(subject, from)); it.isValid() && out.size() < limit; it.next()) {
        long index = indexIn(it.key(), prefix);
        if (index < 0 || index >= size) {
          break;
        }
        out.add(index);
      }
    }
    return out;
  }

  static OptionalLong last(
      RocksDB db, ColumnFamilyHandle family, ReadOptions read, String subject, long size) {
    if (size == 0) {
      return OptionalLong.empty();
    }
    byte[] prefix = prefix(subject);
    try (RocksIterator it = db.newIterator(family, read)) {
      // Postings of a batch being written may be visible already; size says what is published.
      it.seekForPrev(of(subject, size - 1));
      long index = it.isValid() ? indexIn(it.key(), prefix) : -1;
      return index < 0 ? OptionalLong.empty() : OptionalLong.of(index);
    }
  }

  private static byte[] prefix(String subject) {
    byte[] utf8 = subject.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(utf8, utf8.length + 1);
  }

  /** The index in {@code key} if it is a posting of the prefix's subject, else -1. */
  private static long indexIn(byte[] key, byte[] prefix) {
    if (key.length != prefix.length + Keys.LONG_SIZE
        || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
      return -1;
    }
    return Keys.decode("subject posting index", Arrays.copyOfRange(key, prefix.length, key.length));
  }
}
