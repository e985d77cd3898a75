package org.rmbt.ledger.core.merkle;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.rmbt.ledger.core.hash.Hash;

/**
 * The RFC 9162 §2.1.3.1 PATH and §2.1.4.1 SUBPROOF recursions, split as in Go's {@code sumdb/tlog}
 * ({@code leafProofIndex}/{@code leafProof}, {@code treeProofIndex}/{@code treeProof}): the {@code
 * *Indexes} methods list the stored hashes a proof needs, in the order the matching {@code *Hashes}
 * methods consume them. Both walk the same recursion, so the lists line up exactly.
 */
final class ProofPaths {
  private ProofPaths() {}

  /** Stored indexes for PATH(m, D[lo:hi]), appended to {@code need}; requires lo <= m < hi. */
  static void inclusionIndexes(long lo, long hi, long m, LongStream.Builder need) {
    if (hi - lo == 1) {
      return;
    }
    long k = Subtrees.split(hi - lo);
    if (m < lo + k) {
      inclusionIndexes(lo, lo + k, m, need);
      Subtrees.addIndexes(lo + k, hi, need);
    } else {
      Subtrees.addIndexes(lo, lo + k, need);
      inclusionIndexes(lo + k, hi, m, need);
    }
  }

  /** PATH(m, D[lo:hi]) from the hashes {@link #inclusionIndexes} listed, leaf to root. */
  static List<Hash> inclusionHashes(long lo, long hi, long m, Iterator<Hash> hashes) {
    if (hi - lo == 1) {
      // The verifier has the leaf hash itself.
      return new ArrayList<>();
    }
    long k = Subtrees.split(hi - lo);
    List<Hash> path;
    Hash sibling;
    if (m < lo + k) {
      path = inclusionHashes(lo, lo + k, m, hashes);
      sibling = Subtrees.hash(lo + k, hi, hashes);
    } else {
      sibling = Subtrees.hash(lo, lo + k, hashes);
      path = inclusionHashes(lo + k, hi, m, hashes);
    }
    path.add(sibling);
    return path;
  }

  /**
   * Stored indexes for SUBPROOF(m, D[lo:hi], b), where {@code b} (the subtree is the whole old
   * tree) holds exactly when {@code lo == 0}; requires lo < m <= hi.
   */
  static void consistencyIndexes(long lo, long hi, long m, LongStream.Builder need) {
    if (m == hi) {
      if (lo != 0) {
        Subtrees.addIndexes(lo, hi, need);
      }
      return;
    }
    long k = Subtrees.split(hi - lo);
    if (m <= lo + k) {
      consistencyIndexes(lo, lo + k, m, need);
      Subtrees.addIndexes(lo + k, hi, need);
    } else {
      Subtrees.addIndexes(lo, lo + k, need);
      consistencyIndexes(lo + k, hi, m, need);
    }
  }

  /** SUBPROOF(m, D[lo:hi], lo == 0) from the hashes {@link #consistencyIndexes} listed. */
  static List<Hash> consistencyHashes(long lo, long hi, long m, Iterator<Hash> hashes) {
    if (m == hi) {
      List<Hash> proof = new ArrayList<>();
      if (lo != 0) {
        // Not the old tree itself, so the verifier does not know this subtree's hash.
        proof.add(Subtrees.hash(lo, hi, hashes));
      }
      return proof;
    }
    long k = Subtrees.split(hi - lo);
    List<Hash> proof;
    Hash sibling;
    if (m <= lo + k) {
      proof = consistencyHashes(lo, lo + k, m, hashes);
      sibling = Subtrees.hash(lo + k, hi, hashes);
    } else {
      sibling = Subtrees.hash(lo, lo + k, hashes);
      proof = consistencyHashes(lo + k, hi, m, hashes);
    }
    proof.add(sibling);
    return proof;
  }
}
