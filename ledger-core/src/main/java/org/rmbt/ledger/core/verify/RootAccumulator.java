package org.rmbt.ledger.core.verify;

import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;

/**
 * Streaming RFC 9162 root: keeps the roots of the perfect subtrees the leaves so far decompose into
 * (at most 64), so a whole log is re-hashed in one pass with O(log n) memory.
 */
final class RootAccumulator {
  private final List<Hash> perfect = new ArrayList<>();
  private long size;

  void add(Hash leafHash) {
    add(leafHash, 0);
  }

  /**
   * Adds the hash of a perfect subtree of {@code 2^level} leaves, as adding those leaves one by one
   * would.
   *
   * @throws IllegalArgumentException unless the size so far is a multiple of {@code 2^level}
   */
  void add(Hash subtreeHash, int level) {
    if (level < 0 || level > 62 || (size & ((1L << level) - 1)) != 0) {
      throw new IllegalArgumentException("a level-" + level + " subtree cannot follow " + size);
    }
    Hash h = subtreeHash;
    // Each 1 bit of size from the subtree's level up is a perfect subtree of equal height.
    for (long n = size >>> level; (n & 1) == 1; n >>>= 1) {
      h = Hashing.node(perfect.remove(perfect.size() - 1), h);
    }
    perfect.add(h);
    size += 1L << level;
  }

  long size() {
    return size;
  }

  /** MTH of the leaves added so far: the perfect subtrees folded from the right. */
  Hash root() {
    if (size == 0) {
      return Hashing.emptyRoot();
    }
    Hash h = perfect.get(perfect.size() - 1);
    for (int i = perfect.size() - 2; i >= 0; i--) {
      h = Hashing.node(perfect.get(i), h);
    }
    return h;
  }
}
