package org.rmbt.ledger.core.verify;

import java.util.Arrays;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.store.LogReader;

/**
 * A run of consecutive entries after every check that needs nothing outside it: each entry's decode
 * (or chain-link prefix) and index, the hash chain between its own entries, and, when the run is an
 * aligned power-of-two subtree, that subtree's hash. Made on a pool thread; the verifier then only
 * links runs to each other in order ({@link #link}), so the node hashing of the root is spread over
 * the cores too.
 *
 * @param firstPrev the {@code prev_leaf_hash} the first entry carries, or null if it failed
 * @param subtreeRoot the run's subtree hash, or null when {@code leaves} are given instead
 * @param problem the first failure in index order, or null
 */
record CheckedSlice(
    long from,
    int count,
    Hash firstPrev,
    Hash lastLeaf,
    Hash subtreeRoot,
    Hash[] leaves,
    LogVerificationException problem) {

  static CheckedSlice check(LogVerifier.Mode mode, LogReader log, long from, int count) {
    Checker checker = new Checker(mode, from, count);
    log.scanEntries(from, count, checker::visit);
    return checker.result();
  }

  /** Checks entries as the store hands them over, stopping at the first failure. */
  private static final class Checker {
    private final LogVerifier.Mode mode;
    private final long from;
    private final Hash[] leaves;
    private Hash firstPrev;
    private LogVerificationException problem;

    Checker(LogVerifier.Mode mode, long from, int count) {
      this.mode = mode;
      this.from = from;
      this.leaves = new Hash[count];
    }

    boolean visit(long index, byte[] bytes, int length) {
      int i = (int) (index - from);
      Hash[] hashes;
      try {
        hashes =
            mode == LogVerifier.Mode.FULL
                ? LogVerifier.decodeAndHash("entry " + index, index, Arrays.copyOf(bytes, length))
                : LogVerifier.prefixAndHash(index, bytes, length);
      } catch (LogVerificationException e) {
        problem = e;
        return false;
      }
      if (i == 0) {
        firstPrev = hashes[1];
      } else if (!hashes[1].equals(leaves[i - 1])) {
        problem = LogVerifier.chainBroken(index);
        return false;
      }
      leaves[i] = hashes[0];
      return true;
    }

    CheckedSlice result() {
      int count = leaves.length;
      if (problem != null) {
        return new CheckedSlice(from, count, firstPrev, null, null, null, problem);
      }
      boolean subtree = Long.bitCount(count) == 1 && from % count == 0;
      Hash root = subtree ? subtreeHash(leaves) : null;
      return new CheckedSlice(
          from, count, firstPrev, leaves[count - 1], root, subtree ? null : leaves, null);
    }
  }

  private static Hash subtreeHash(Hash[] leaves) {
    RootAccumulator acc = new RootAccumulator();
    for (Hash leaf : leaves) {
      acc.add(leaf);
    }
    return acc.root();
  }

  /**
   * Links this run after the entry whose leaf hash is {@code prev} and adds it to {@code root};
   * returns its last leaf hash. Throws what a serial pass would have met first: a failure of the
   * first entry, then the link to {@code prev}, then any later failure.
   */
  Hash link(Hash prev, RootAccumulator root) throws LogVerificationException {
    if (firstPrev == null) {
      throw problem;
    }
    if (!firstPrev.equals(prev)) {
      throw LogVerifier.chainBroken(from);
    }
    if (problem != null) {
      throw problem;
    }
    if (subtreeRoot != null) {
      root.add(subtreeRoot, Long.numberOfTrailingZeros(count));
    } else {
      for (Hash leaf : leaves) {
        root.add(leaf);
      }
    }
    return lastLeaf;
  }
}
