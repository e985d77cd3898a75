package org.rmbt.ledger.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.merkle.HashReader;

/**
 * Read side of the log's storage: entries, their lookup index and the stored tree hashes.
 *
 * <p>Implementations: return only durable data; throw {@link StoreException} on any storage fault
 * or on a request for data that was never written (an entry or stored hash past the end).
 */
public interface LogReader extends HashReader {
  /** Number of durable entries. */
  long size();

  /** Exactly {@code count} entry byte strings starting at index {@code from}, as stored. */
  List<byte[]> readEntries(long from, int count);

  /** Receives entries one by one from {@link #scanEntries}. */
  @FunctionalInterface
  interface EntryVisitor {
    /**
     * @param bytes holds the entry in its first {@code length} bytes, only during this call: the
     *     store may reuse the array for the next entry
     * @return whether to go on to the next entry
     */
    boolean visit(long index, byte[] bytes, int length);
  }

  /**
   * Calls {@code visitor} with entries {@code from .. from + count - 1} in order, as {@link
   * #readEntries} would return them, until it returns false. Stores that can read into one reused
   * buffer override this: a whole-log scan then allocates nothing per entry.
   */
  default void scanEntries(long from, int count, EntryVisitor visitor) {
    List<byte[]> entries = readEntries(from, count);
    for (int i = 0; i < count; i++) {
      if (!visitor.visit(from + i, entries.get(i), entries.get(i).length)) {
        return;
      }
    }
  }

  /** The index of the entry whose leaf hash or envelope hash is {@code key}, if any. */
  OptionalLong indexOf(Hash key);

  /**
   * {@link #indexOf} of every key, one answer per key in order. Stores that can look keys up in one
   * call (RocksDB's multiGet) override this: the sequencer asks it once per batch.
   */
  default List<OptionalLong> indexesOf(List<Hash> keys) {
    List<OptionalLong> out = new ArrayList<>(keys.size());
    for (Hash key : keys) {
      out.add(indexOf(key));
    }
    return out;
  }
}
