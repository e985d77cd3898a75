package org.rmbt.ledger.core.merkle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;

/**
 * RFC 9162 §2.1 transcribed as plainly as possible, to check the fast code against: MTH (§2.1.1),
 * PATH (§2.1.3.1) and PROOF/SUBPROOF (§2.1.4.1) over an in-memory list of leaf hashes, and
 * verifiers that undo those recursions instead of running the §2.1.3.2/§2.1.4.2 loops the fast
 * verifiers use. MTH results are memoised only to keep property tests quick.
 */
final class ReferenceTree {
  private final List<Hash> leaves;
  private final Map<Long, Hash> memo = new HashMap<>();

  ReferenceTree(List<Hash> leaves) {
    this.leaves = List.copyOf(leaves);
  }

  /** The largest power of two smaller than n, for n > 1. */
  static long k(long n) {
    long k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }

  /** MTH(D[lo:hi]). */
  Hash mth(long lo, long hi) {
    long n = hi - lo;
    if (n == 0) {
      return Hashing.emptyRoot();
    }
    if (n == 1) {
      return leaves.get((int) lo);
    }
    Long key = lo * (leaves.size() + 1L) + hi;
    Hash cached = memo.get(key);
    if (cached != null) {
      return cached;
    }
    long k = k(n);
    Hash h = Hashing.node(mth(lo, lo + k), mth(lo + k, hi));
    memo.put(key, h);
    return h;
  }

  /** PATH(m, D[0:n]). */
  List<Hash> path(long m, long n) {
    return path(m, 0, n);
  }

  private List<Hash> path(long m, long lo, long hi) {
    long n = hi - lo;
    if (n == 1) {
      return new ArrayList<>();
    }
    long k = k(n);
    List<Hash> p;
    if (m < k) {
      p = path(m, lo, lo + k);
      p.add(mth(lo + k, hi));
    } else {
      p = path(m - k, lo + k, hi);
      p.add(mth(lo, lo + k));
    }
    return p;
  }

  /** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). */
  List<Hash> proof(long m, long n) {
    return subproof(m, 0, n, true);
  }

  private List<Hash> subproof(long m, long lo, long hi, boolean b) {
    long n = hi - lo;
    if (m == n) {
      List<Hash> p = new ArrayList<>();
      if (!b) {
        p.add(mth(lo, hi));
      }
      return p;
    }
    long k = k(n);
    List<Hash> p;
    if (m <= k) {
      p = subproof(m, lo, lo + k, b);
      p.add(mth(lo + k, hi));
    } else {
      p = subproof(m - k, lo + k, hi, false);
      p.add(mth(lo, lo + k));
    }
    return p;
  }

  /** Undoes PATH: rebuilds the root from the leaf and the path, outermost sibling last. */
  static boolean verifyInclusion(long m, long n, Hash leaf, List<Hash> proof, Hash root) {
    if (m < 0 || m >= n) {
      return false;
    }
    Deque<Hash> rest = new ArrayDeque<>(proof);
    Hash r = climb(m, n, leaf, rest);
    return r != null && rest.isEmpty() && r.equals(root);
  }

  private static Hash climb(long m, long n, Hash leaf, Deque<Hash> rest) {
    if (n == 1) {
      return leaf;
    }
    if (rest.isEmpty()) {
      return null;
    }
    Hash sibling = rest.removeLast();
    long k = k(n);
    Hash below = m < k ? climb(m, k, leaf, rest) : climb(m - k, n - k, leaf, rest);
    if (below == null) {
      return null;
    }
    return m < k ? Hashing.node(below, sibling) : Hashing.node(sibling, below);
  }

  /** Old and new hash of one subtree while undoing SUBPROOF. */
  private record Pair(Hash old, Hash young) {}

  /** Undoes SUBPROOF: rebuilds both roots, outermost sibling last. */
  static boolean verifyConsistency(long m, long n, List<Hash> proof, Hash root1, Hash root2) {
    if (m <= 0 || m > n) {
      return false;
    }
    if (m == n) {
      return proof.isEmpty() && root1.equals(root2);
    }
    Deque<Hash> rest = new ArrayDeque<>(proof);
    Pair r = undo(m, n, true, root1, rest);
    return r != null && rest.isEmpty() && r.old().equals(root1) && r.young().equals(root2);
  }

  private static Pair undo(long m, long n, boolean b, Hash root1, Deque<Hash> rest) {
    if (m == n) {
      if (b) {
        return new Pair(root1, root1);
      }
      // SUBPROOF emitted exactly one hash here, and it is the first of the proof.
      if (rest.size() != 1) {
        return null;
      }
      Hash h = rest.removeLast();
      return new Pair(h, h);
    }
    if (rest.isEmpty()) {
      return null;
    }
    Hash sibling = rest.removeLast();
    long k = k(n);
    if (m <= k) {
      Pair left = undo(m, k, b, root1, rest);
      return left == null ? null : new Pair(left.old(), Hashing.node(left.young(), sibling));
    }
    Pair right = undo(m - k, n - k, false, root1, rest);
    return right == null
        ? null
        : new Pair(Hashing.node(sibling, right.old()), Hashing.node(sibling, right.young()));
  }
}
