package org.rmbt.ledger.core.merkle;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;

/**
 * Leaf ranges {@code [lo, hi)} as runs of complete subtrees, whose hashes are stored. Mirrors
 * {@code subTreeIndex}/{@code subTreeHash} in Go's {@code sumdb/tlog}: one function lists the
 * stored indexes a range needs, the other folds the hashes read for them.
 */
final class Subtrees {
  private Subtrees() {}

  /** RFC 9162 §2.1.1's k: the largest power of two smaller than {@code n}, for n > 1. */
  static long split(long n) {
    return Long.highestOneBit(n - 1);
  }

  /**
   * Appends the stored indexes of the complete subtrees covering {@code [lo, hi)}, left to right,
   * largest first. Callers pass ranges whose start is aligned to the largest piece; anything else
   * is a bug in the caller's index math.
   */
  static void addIndexes(long lo, long hi, LongStream.Builder need) {
    long start = lo;
    while (start < hi) {
      long k = Long.highestOneBit(hi - start);
      if ((start & (k - 1)) != 0) {
        throw new IllegalStateException("unaligned subtree range [" + lo + ", " + hi + ")");
      }
      int level = Long.numberOfTrailingZeros(k);
      need.add(StoredHashes.storedHashIndex(level, start >> level));
      start += k;
    }
  }

  /** The stored indexes {@link #addIndexes} lists for {@code [lo, hi)}, as an array. */
  static long[] indexes(long lo, long hi) {
    LongStream.Builder need = LongStream.builder();
    addIndexes(lo, hi, need);
    return need.build().toArray();
  }

  /**
   * Takes the hashes {@link #addIndexes} listed for {@code [lo, hi)} from {@code hashes} and folds
   * them right to left into the range's RFC 9162 §2.1.1 hash.
   */
  static Hash hash(long lo, long hi, Iterator<Hash> hashes) {
    List<Hash> pieces = new ArrayList<>();
    for (long start = lo; start < hi; start += Long.highestOneBit(hi - start)) {
      pieces.add(hashes.next());
    }
    return fold(pieces);
  }

  /** Folds complete-subtree hashes (left to right, sizes decreasing) into one root. */
  static Hash fold(List<Hash> pieces) {
    if (pieces.isEmpty()) {
      return Hashing.emptyRoot();
    }
    Hash h = pieces.get(pieces.size() - 1);
    for (int i = pieces.size() - 2; i >= 0; i--) {
      h = Hashing.node(pieces.get(i), h);
    }
    return h;
  }

  /**
   * One batched read. Skips the call when nothing is needed, and holds the reader to its contract
   * of one hash per index: a short or long answer is a store fault, not bad input.
   */
  static List<Hash> read(HashReader reader, long[] indexes) {
    if (indexes.length == 0) {
      return List.of();
    }
    List<Hash> hashes = reader.readHashes(indexes.clone());
    if (hashes.size() != indexes.length) {
      throw new IllegalStateException(
          "HashReader returned " + hashes.size() + " hashes for " + indexes.length + " indexes");
    }
    return hashes;
  }
}
