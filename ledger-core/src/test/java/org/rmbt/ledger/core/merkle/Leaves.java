package org.rmbt.ledger.core.merkle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;

/** Distinct, deterministic leaf hashes for test trees: leaf i hashes i as 8 big-endian bytes. */
final class Leaves {
  private Leaves() {}

  static Hash leaf(long i) {
    return Hashing.leaf(ByteBuffer.allocate(Long.BYTES).putLong(i).array());
  }

  static List<Hash> range(long from, long to) {
    List<Hash> out = new ArrayList<>((int) (to - from));
    for (long i = from; i < to; i++) {
      out.add(leaf(i));
    }
    return out;
  }

  /** A store holding the tree of the first {@code size} leaves, integrated in batches of 1000. */
  static MapHashReader store(long size) {
    MapHashReader store = new MapHashReader();
    for (long n = 0; n < size; n += 1000) {
      store.append(n, range(n, Math.min(size, n + 1000)));
    }
    return store;
  }
}
