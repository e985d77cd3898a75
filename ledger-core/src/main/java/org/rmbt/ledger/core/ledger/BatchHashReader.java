package org.rmbt.ledger.core.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.merkle.HashReader;
import org.rmbt.ledger.core.merkle.StoredHash;

/**
 * Serves the hashes a batch just wrote from memory and remembers what it read from the store, so
 * the batch's inclusion proofs, which share most of their nodes, cost few store reads.
 */
final class BatchHashReader implements HashReader {
  private final HashReader store;
  private final Map<Long, Hash> known = new HashMap<>();

  BatchHashReader(HashReader store, List<StoredHash> written) {
    this.store = store;
    for (StoredHash h : written) {
      known.put(h.index(), h.hash());
    }
  }

  @Override
  public List<Hash> readHashes(long[] storedIndexes) {
    List<Long> missing = new ArrayList<>();
    for (long i : storedIndexes) {
      if (!known.containsKey(i)) {
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      long[] ask = missing.stream().distinct().mapToLong(Long::longValue).toArray();
      List<Hash> got = store.readHashes(ask);
      for (int i = 0; i < ask.length; i++) {
        known.put(ask[i], got.get(i));
      }
    }
    List<Hash> out = new ArrayList<>(storedIndexes.length);
    for (long i : storedIndexes) {
      out.add(known.get(i));
    }
    return out;
  }
}
