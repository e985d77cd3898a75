package org.rmbt.ledger.core.store.rocksdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rmbt.ledger.core.store.StoreException;
import org.rmbt.ledger.core.store.StoredCosignature;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The {@code cosignatures} family: key 8-byte big-endian size ‖ 4-byte key ID ‖ UTF-8 witness name,
 * value the signature line. Bytewise key order groups a size's cosignatures together, in the order
 * {@link StoredCosignature#ORDER} promises.
 */
final class CosignatureKeys {
  private static final int PREFIX = Keys.LONG_SIZE + Integer.BYTES;

  private CosignatureKeys() {}

  static byte[] of(long size, int keyId, String witness) {
    byte[] name = witness.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(PREFIX + name.length).putLong(size).putInt(keyId).put(name).array();
  }

  /**
   * Stores {@code c}, synced, if a checkpoint of its size is stored (checkpoints never go away).
   */
  static StoredCosignature put(
      RocksDB db, Families families, RocksTuning tuning, StoredCosignature c) {
    try {
      if (db.get(families.checkpoints(), tuning.read, Keys.of(c.size())) == null) {
        throw new StoreException("no checkpoint of size " + c.size() + " to cosign");
      }
      db.put(
          families.cosignatures(),
          tuning.syncWrite,
          of(c.size(), c.keyId(), c.witness()),
          c.line());
      // crash here: the line is durable; a witness that got no answer may send it again.
      return c;
    } catch (RocksDBException e) {
      throw new StoreException("cosignature for " + c.size() + " failed: " + e.getMessage(), e);
    }
  }

  static List<StoredCosignature> list(
      RocksDB db, Families families, RocksTuning tuning, long size) {
    List<StoredCosignature> out = new ArrayList<>();
    if (size < 0) {
      return out;
    }
    byte[] prefix = Keys.of(size);
    try (RocksIterator it = db.newIterator(families.cosignatures(), tuning.read)) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (key.length <= PREFIX || !Arrays.equals(key, 0, Keys.LONG_SIZE, prefix, 0, 8)) {
          break;
        }
        int keyId = ByteBuffer.wrap(key, Keys.LONG_SIZE, Integer.BYTES).getInt();
        String name = new String(key, PREFIX, key.length - PREFIX, StandardCharsets.UTF_8);
        out.add(new StoredCosignature(size, name, keyId, it.value()));
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StoreException("reading cosignatures failed: " + e.getMessage(), e);
    }
    return List.copyOf(out);
  }
}
