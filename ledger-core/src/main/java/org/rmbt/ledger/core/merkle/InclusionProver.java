package org.rmbt.ledger.core.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.hash.Hash;

/**
 * Inclusion proofs of many leaves in one tree size, as {@link Proofs#inclusion} makes them one at a
 * time, sharing what they have in common: the hashes of the ranges along the tree's right edge,
 * which are not stored and must be folded from several stored hashes. A batch's callers are
 * answered with proofs of neighbouring leaves, which share nearly every such range; folding them
 * again for each proof was most of the answer step's CPU.
 *
 * <p>It reads each stored hash it needs with its own call ({@link HashReader#readHash}), where
 * {@link Proofs#inclusion} reads a proof's hashes in one batch: meant for readers that answer from
 * memory (a batch's own hashes), not for proofs read from the store one at a time.
 *
 * <p>Not thread-safe: one prover per batch of answers.
 */
public final class InclusionProver {
  private final long size;
  private final HashReader reader;
  private final Map<Long, Hash> rightEdge = new HashMap<>(); // range start -> hash of [start, size)

  /**
   * @throws IllegalArgumentException unless 0 < size <= 2^62
   */
  public InclusionProver(long size, HashReader reader) {
    if (size <= 0 || size > NodeId.MAX_TREE_SIZE) {
      throw new IllegalArgumentException("no inclusion proofs in a tree of size " + size);
    }
    this.size = size;
    this.reader = reader;
  }

  /**
   * The inclusion proof of leaf {@code index}, equal to {@link Proofs#inclusion}{@code (index,
   * size, reader)}.
   *
   * @throws IllegalArgumentException unless 0 <= index < size
   */
  public List<Hash> proof(long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("no leaf " + index + " in a tree of size " + size);
    }
    List<Hash> path = new ArrayList<>(64 - Long.numberOfLeadingZeros(size));
    collect(0, size, index, path);
    return Collections.unmodifiableList(path);
  }

  /** PATH(m, D[lo:hi]) as in {@link ProofPaths#inclusionHashes}, appended leaf to root. */
  private void collect(long lo, long hi, long m, List<Hash> path) {
    if (hi - lo == 1) {
      return;
    }
    long k = Subtrees.split(hi - lo);
    if (m < lo + k) {
      collect(lo, lo + k, m, path);
      path.add(range(lo + k, hi));
    } else {
      collect(lo + k, hi, m, path);
      path.add(range(lo, lo + k));
    }
  }

  /**
   * MTH(D[lo:hi]): one stored hash for a complete subtree; otherwise folded, once per prover for
   * ranges that end at the tree's right edge (in fact every incomplete range a path visits).
   */
  private Hash range(long lo, long hi) {
    long width = hi - lo;
    if (Long.bitCount(width) == 1 && lo % width == 0) {
      int level = Long.numberOfTrailingZeros(width);
      return reader.readHash(StoredHashes.storedHashIndex(level, lo >> level));
    }
    Hash known = hi == size ? rightEdge.get(lo) : null;
    if (known == null) {
      known = Subtrees.hash(lo, hi, Subtrees.read(reader, Subtrees.indexes(lo, hi)).iterator());
      if (hi == size) {
        rightEdge.put(lo, known);
      }
    }
    return known;
  }
}
