package org.rmbt.ledger.core.store.rocksdb;

import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.store.rocksdb.LeafIndexBacklog.Segment;

/**
 * Consecutive backlog segments and the lookup of their hashes, filled by the one writer while
 * readers look up, then ingested and dropped whole: no per-key removal, and a table sized once so
 * it does not grow while the writer fills it.
 */
final class BacklogGeneration {
  private final HashSlots index;
  private final List<Segment> segments = new ArrayList<>(); // written by the one writer only
  private volatile long entries;

  BacklogGeneration(int expectedEntries) {
    // Two keys per entry; a generation overshoots its size by at most one batch.
    index = new HashSlots(2 * expectedEntries);
  }

  /** Adds a segment: each entry's leaf and envelope hash, read from its pairs. */
  void add(Segment s) {
    byte[] pairs = s.pairs();
    for (int i = 0; i < s.count(); i++) {
      long at = s.firstIndex() + i;
      index.put(pairs, 2 * i * Hash.SIZE, at);
      index.put(pairs, (2 * i + 1) * Hash.SIZE, at);
    }
    synchronized (segments) {
      segments.add(s);
    }
    entries += s.count();
  }

  /** The index of the entry {@code key} is the leaf or envelope hash of, or -1. */
  long indexOf(Hash key) {
    return index.get(key);
  }

  long entries() {
    return entries;
  }

  /** The segments, in index order; only asked for once the generation is full. */
  List<Segment> segments() {
    synchronized (segments) {
      return List.copyOf(segments);
    }
  }
}
