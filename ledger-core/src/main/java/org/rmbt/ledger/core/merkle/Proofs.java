package org.rmbt.ledger.core.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;

/**
 * RFC 9162 inclusion (§2.1.3) and consistency (§2.1.4) proofs: made from stored hashes, checked
 * against tree heads. Making a proof decides which stored hashes it needs, reads them in one {@link
 * HashReader} call (O(log n) hashes), then computes. Verifying is pure and strict: besides the RFC
 * algorithms it demands the exact proof length for the sizes, so no padded or truncated proof
 * passes.
 */
public final class Proofs {
  private Proofs() {}

  /**
   * The inclusion proof (audit path, leaf to root) of leaf {@code index} in the tree of {@code
   * size} leaves, whose hashes {@code reader} must hold.
   *
   * @throws IllegalArgumentException unless 0 <= index < size <= 2^62; callers check requests
   *     against the tree size they serve before asking
   */
  public static List<Hash> inclusion(long index, long size, HashReader reader) {
    if (index < 0 || index >= size || size > NodeId.MAX_TREE_SIZE) {
      throw new IllegalArgumentException("no leaf " + index + " in a tree of size " + size);
    }
    LongStream.Builder need = LongStream.builder();
    ProofPaths.inclusionIndexes(0, size, index, need);
    List<Hash> hashes = Subtrees.read(reader, need.build().toArray());
    return List.copyOf(ProofPaths.inclusionHashes(0, size, index, hashes.iterator()));
  }

  /**
   * The consistency proof from the tree of {@code size1} leaves to the tree of {@code size2}; empty
   * when the sizes are equal.
   *
   * @throws IllegalArgumentException unless 0 < size1 <= size2 <= 2^62 (RFC 9162 §2.1.4 defines no
   *     proof from the empty tree)
   */
  public static List<Hash> consistency(long size1, long size2, HashReader reader) {
    if (size1 <= 0 || size1 > size2 || size2 > NodeId.MAX_TREE_SIZE) {
      throw new IllegalArgumentException("no consistency proof from " + size1 + " to " + size2);
    }
    if (size1 == size2) {
      return List.of();
    }
    LongStream.Builder need = LongStream.builder();
    ProofPaths.consistencyIndexes(0, size2, size1, need);
    List<Hash> hashes = Subtrees.read(reader, need.build().toArray());
    return List.copyOf(ProofPaths.consistencyHashes(0, size2, size1, hashes.iterator()));
  }

  /**
   * Checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves whose
   * root is {@code root} (RFC 9162 §2.1.3.2).
   *
   * @throws RootMismatchException if the proof leads to another root
   * @throws ProofException if index >= size or the proof has the wrong length
   */
  public static void verifyInclusion(
      long index, long size, Hash leafHash, List<Hash> proof, Hash root) throws ProofException {
    if (index < 0 || size < 0) {
      throw new ProofException("inclusion: negative index " + index + " or size " + size);
    }
    if (index >= size) {
      throw new ProofException("inclusion: leaf index " + index + " >= tree size " + size);
    }
    int want = inclusionLength(index, size);
    if (proof.size() != want) {
      throw wrongLength(
          "inclusion proof for leaf " + index + " in tree of size " + size, want, proof);
    }
    Hash computed = rootFromInclusionPath(index, size, leafHash, proof);
    if (!computed.equals(root)) {
      throw new RootMismatchException("root", root, computed);
    }
  }

  /**
   * Checks that the tree of {@code size2} leaves with root {@code root2} extends the tree of {@code
   * size1} leaves with root {@code root1} (RFC 9162 §2.1.4.2).
   *
   * @throws RootMismatchException if the proof leads to another root1 or root2
   * @throws ProofException if size1 == 0, size2 < size1, or the proof has the wrong length (it must
   *     be empty for equal sizes)
   */
  public static void verifyConsistency(
      long size1, long size2, List<Hash> proof, Hash root1, Hash root2) throws ProofException {
    checkConsistencySizes(size1, size2);
    if (size1 == size2) {
      if (!proof.isEmpty()) {
        throw new ProofException(
            "consistency: size1 == size2 == "
                + size1
                + " needs an empty proof, got "
                + proof.size());
      }
      if (!root1.equals(root2)) {
        throw new RootMismatchException("root2 (same size as root1)", root1, root2);
      }
      return;
    }
    int want = consistencyLength(size1, size2);
    if (proof.size() != want) {
      throw wrongLength("consistency proof from " + size1 + " to " + size2, want, proof);
    }
    Roots roots = rootsFromConsistencyPath(size1, size2, proof, root1);
    if (!roots.first().equals(root1)) {
      throw new RootMismatchException("root1", root1, roots.first());
    }
    if (!roots.second().equals(root2)) {
      throw new RootMismatchException("root2", root2, roots.second());
    }
  }

  /** Number of hashes in the inclusion proof of leaf {@code index} in a tree of {@code size}. */
  static int inclusionLength(long index, long size) {
    // Levels below the point where the paths to index and to the last leaf meet, each one hash,
    // plus one hash per left sibling on the right edge above it (transparency-dev/merkle).
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    return inner + Long.bitCount(index >>> inner);
  }

  /** Number of hashes in the consistency proof from {@code size1} to {@code size2}, 0 < s1 < s2. */
  static int consistencyLength(long size1, long size2) {
    // The inclusion path of the old tree's last leaf, minus the levels inside the largest complete
    // subtree it ends, plus that subtree's hash unless it is the whole old tree.
    int shift = Long.numberOfTrailingZeros(size1);
    int start = size1 == Long.lowestOneBit(size1) ? 0 : 1;
    return start + inclusionLength(size1 - 1, size2) - shift;
  }

  private static ProofException wrongLength(String proofOf, int want, List<Hash> proof) {
    return new ProofException(
        proofOf + ": wrong length (expected " + want + " got " + proof.size() + ")");
  }

  private static void checkConsistencySizes(long size1, long size2) throws ProofException {
    if (size2 < size1) {
      throw new ProofException("consistency: size2 (" + size2 + ") < size1 (" + size1 + ")");
    }
    if (size1 <= 0) {
      throw new ProofException(
          "consistency: size1 is " + size1 + "; RFC 9162 §2.1.4 needs a non-empty old tree");
    }
  }

  /** RFC 9162 §2.1.3.2 steps 2-4, for a proof of already checked length. */
  private static Hash rootFromInclusionPath(long index, long size, Hash leaf, List<Hash> proof) {
    long fn = index;
    long sn = size - 1;
    Hash r = leaf;
    for (Hash p : proof) {
      if ((fn & 1) == 1 || fn == sn) {
        r = Hashing.node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = Hashing.node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new IllegalStateException("inclusion length math: sn = " + sn + " after the path");
    }
    return r;
  }

  /** The old and new roots a consistency proof leads to. */
  private record Roots(Hash first, Hash second) {}

  /** RFC 9162 §2.1.4.2 steps 2-6, for a proof of already checked length. */
  private static Roots rootsFromConsistencyPath(
      long size1, long size2, List<Hash> proof, Hash root1) {
    List<Hash> path = new ArrayList<>(proof.size() + 1);
    if (size1 == Long.lowestOneBit(size1)) {
      path.add(root1);
    }
    path.addAll(proof);
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    Hash fr = path.get(0);
    Hash sr = path.get(0);
    for (Hash c : path.subList(1, path.size())) {
      if ((fn & 1) == 1 || fn == sn) {
        fr = Hashing.node(c, fr);
        sr = Hashing.node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = Hashing.node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new IllegalStateException("consistency length math: sn = " + sn + " after the path");
    }
    return new Roots(fr, sr);
  }
}
