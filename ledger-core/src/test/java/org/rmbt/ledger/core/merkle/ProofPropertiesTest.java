package org.rmbt.ledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.rmbt.ledger.core.hash.Hash;

/**
 * Fast code against {@link ReferenceTree} on random sizes up to 10,000. One tree of 10,000 leaves
 * is built once: its stored hashes serve every smaller size.
 */
class ProofPropertiesTest {
  private static final int MAX = 10_000;
  private static final List<Hash> LEAVES = Leaves.range(0, MAX);
  private static final MapHashReader STORE = Leaves.store(MAX);
  private static final ReferenceTree REFERENCE = new ReferenceTree(LEAVES);

  @Property(tries = 300)
  void rootsMatchMth(@ForAll @IntRange(min = 0, max = MAX) int size) {
    assertThat(MerkleTree.treeHash(size, STORE)).isEqualTo(REFERENCE.mth(0, size));
  }

  @Property(tries = 300)
  void inclusionAgreesWithReference(
      @ForAll @IntRange(min = 1, max = MAX) int size, @ForAll @IntRange(min = 0) int rawIndex) {
    long index = rawIndex % size;
    Hash root = REFERENCE.mth(0, size);
    Hash leaf = LEAVES.get((int) index);
    List<Hash> fast = Proofs.inclusion(index, size, STORE);
    List<Hash> reference = REFERENCE.path(index, size);
    assertThat(fast).isEqualTo(reference);
    assertThat(ReferenceTree.verifyInclusion(index, size, leaf, fast, root)).isTrue();
    assertThatNoException()
        .isThrownBy(() -> Proofs.verifyInclusion(index, size, leaf, reference, root));
  }

  /** One prover for many leaves of one size gives each the proof {@link Proofs} gives it. */
  @Property(tries = 200)
  void proverAgreesWithProofsForEveryLeafOfARange(
      @ForAll @IntRange(min = 1, max = MAX) int size, @ForAll @IntRange(min = 0) int rawFirst) {
    InclusionProver prover = new InclusionProver(size, STORE);
    long first = rawFirst % size;
    for (long index = first; index < Math.min(size, first + 300); index++) {
      assertThat(prover.proof(index)).isEqualTo(Proofs.inclusion(index, size, STORE));
    }
  }

  @Property(tries = 300)
  void consistencyAgreesWithReference(
      @ForAll @IntRange(min = 1, max = MAX) int size2, @ForAll @IntRange(min = 0) int raw) {
    long size1 = 1 + raw % size2;
    Hash root1 = REFERENCE.mth(0, size1);
    Hash root2 = REFERENCE.mth(0, size2);
    List<Hash> fast = Proofs.consistency(size1, size2, STORE);
    List<Hash> reference = REFERENCE.proof(size1, size2);
    assertThat(fast).isEqualTo(reference);
    assertThat(ReferenceTree.verifyConsistency(size1, size2, fast, root1, root2)).isTrue();
    assertThatNoException()
        .isThrownBy(() -> Proofs.verifyConsistency(size1, size2, reference, root1, root2));
  }

  /** Flips one bit of the leaf, the root or one proof hash: both verifiers must reject. */
  @Property(tries = 300)
  void anyFlippedBitFailsInclusion(
      @ForAll @IntRange(min = 1, max = MAX) int size,
      @ForAll @IntRange(min = 0) int rawIndex,
      @ForAll @IntRange(min = 0) int rawTarget,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    long index = rawIndex % size;
    Hash leaf = LEAVES.get((int) index);
    Hash root = REFERENCE.mth(0, size);
    List<Hash> proof = new ArrayList<>(Proofs.inclusion(index, size, STORE));
    int target = rawTarget % (proof.size() + 2);
    if (target == proof.size()) {
      leaf = flip(leaf, bit);
    } else if (target == proof.size() + 1) {
      root = flip(root, bit);
    } else {
      proof.set(target, flip(proof.get(target), bit));
    }
    Hash badLeaf = leaf;
    Hash badRoot = root;
    assertThat(ReferenceTree.verifyInclusion(index, size, badLeaf, proof, badRoot)).isFalse();
    assertThatExceptionOfType(RootMismatchException.class)
        .isThrownBy(() -> Proofs.verifyInclusion(index, size, badLeaf, proof, badRoot));
  }

  @Property(tries = 300)
  void anyFlippedBitFailsConsistency(
      @ForAll @IntRange(min = 1, max = MAX) int size2,
      @ForAll @IntRange(min = 0) int raw,
      @ForAll @IntRange(min = 0) int rawTarget,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    long size1 = 1 + raw % size2;
    Hash root1 = REFERENCE.mth(0, size1);
    Hash root2 = REFERENCE.mth(0, size2);
    List<Hash> proof = new ArrayList<>(Proofs.consistency(size1, size2, STORE));
    int target = rawTarget % (proof.size() + 2);
    if (target == proof.size()) {
      root1 = flip(root1, bit);
    } else if (target == proof.size() + 1) {
      root2 = flip(root2, bit);
    } else {
      proof.set(target, flip(proof.get(target), bit));
    }
    Hash bad1 = root1;
    Hash bad2 = root2;
    assertThat(ReferenceTree.verifyConsistency(size1, size2, proof, bad1, bad2)).isFalse();
    assertThatExceptionOfType(RootMismatchException.class)
        .isThrownBy(() -> Proofs.verifyConsistency(size1, size2, proof, bad1, bad2));
  }

  @Property(tries = 300)
  void wrongIndexFailsInclusion(
      @ForAll @IntRange(min = 1, max = MAX) int size,
      @ForAll @IntRange(min = 0) int rawIndex,
      @ForAll boolean up) {
    long index = rawIndex % size;
    Hash leaf = LEAVES.get((int) index);
    Hash root = REFERENCE.mth(0, size);
    List<Hash> proof = Proofs.inclusion(index, size, STORE);
    long wrong = up ? index + 1 : index - 1;
    assertThat(ReferenceTree.verifyInclusion(wrong, size, leaf, proof, root)).isFalse();
    assertThatExceptionOfType(ProofException.class)
        .isThrownBy(() -> Proofs.verifyInclusion(wrong, size, leaf, proof, root));
  }

  @Property(tries = 300)
  void wrongSize1FailsConsistency(
      @ForAll @IntRange(min = 2, max = MAX) int size2,
      @ForAll @IntRange(min = 0) int raw,
      @ForAll boolean up) {
    long size1 = 1 + raw % (size2 - 1);
    Hash root1 = REFERENCE.mth(0, size1);
    Hash root2 = REFERENCE.mth(0, size2);
    List<Hash> proof = Proofs.consistency(size1, size2, STORE);
    long wrong = up ? size1 + 1 : size1 - 1;
    assertThat(ReferenceTree.verifyConsistency(wrong, size2, proof, root1, root2)).isFalse();
    assertThatExceptionOfType(ProofException.class)
        .isThrownBy(() -> Proofs.verifyConsistency(wrong, size2, proof, root1, root2));
  }

  static Hash flip(Hash h, int bit) {
    byte[] b = h.bytes();
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return new Hash(b);
  }
}
