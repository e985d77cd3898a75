package org.rmbt.ledger.core.merkle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.hash.Hash;

/**
 * A stored-hash table in memory that also checks its callers: an index is written once with one
 * value, and reading an index never written fails (the {@link HashReader} contract). Counts calls
 * and indexes read so tests can hold proof code to its O(log n), one-batch promise.
 */
final class MapHashReader implements HashReader {
  private final Map<Long, Hash> hashes = new HashMap<>();
  private int calls;
  private long indexesRead;

  void write(List<StoredHash> batch) {
    for (StoredHash s : batch) {
      Hash previous = hashes.putIfAbsent(s.index(), s.hash());
      if (previous != null) {
        throw new IllegalStateException("stored hash " + s.index() + " written twice");
      }
    }
  }

  /** Integrates {@code leaves} onto this store's tree of {@code oldSize} and writes the result. */
  Integration append(long oldSize, List<Hash> leaves) {
    Integration result = MerkleTree.integrate(oldSize, leaves, this);
    write(result.toWrite());
    return result;
  }

  @Override
  public List<Hash> readHashes(long[] storedIndexes) {
    calls++;
    indexesRead += storedIndexes.length;
    List<Hash> out = new ArrayList<>(storedIndexes.length);
    for (long i : storedIndexes) {
      Hash h = hashes.get(i);
      if (h == null) {
        throw new IllegalStateException("stored hash " + i + " was never written");
      }
      out.add(h);
    }
    return out;
  }

  Map<Long, Hash> contents() {
    return Map.copyOf(hashes);
  }

  int calls() {
    return calls;
  }

  long indexesRead() {
    return indexesRead;
  }

  void resetCounts() {
    calls = 0;
    indexesRead = 0;
  }
}
