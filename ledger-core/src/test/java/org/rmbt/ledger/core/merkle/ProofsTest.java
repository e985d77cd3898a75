package org.rmbt.ledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.VerificationException;

/** What a failed verification says, and which arguments proof generation refuses. */
class ProofsTest {
  private static final MapHashReader STORE = Leaves.store(8);
  private static final Hash ROOT8 = MerkleTree.treeHash(8, STORE);
  private static final Hash ROOT5 = MerkleTree.treeHash(5, STORE);

  @Test
  void proofFailuresAreVerificationExceptions() {
    assertThat(VerificationException.class).isAssignableFrom(ProofException.class);
    assertThat(ProofException.class).isAssignableFrom(RootMismatchException.class);
  }

  @Test
  void inclusionIndexBeyondTree() {
    assertThatExceptionOfType(ProofException.class)
        .isThrownBy(() -> Proofs.verifyInclusion(8, 8, Leaves.leaf(0), List.of(), ROOT8))
        .withMessageContaining("leaf index 8 >= tree size 8");
  }

  @Test
  void inclusionWrongLength() {
    List<Hash> proof = new ArrayList<>(Proofs.inclusion(5, 8, STORE));
    proof.add(ROOT8);
    assertThatExceptionOfType(ProofException.class)
        .isThrownBy(() -> Proofs.verifyInclusion(5, 8, Leaves.leaf(5), proof, ROOT8))
        .withMessageContaining("wrong length (expected 3 got 4)");
  }

  @Test
  void inclusionRootMismatchNamesBothRoots() {
    List<Hash> proof = Proofs.inclusion(5, 8, STORE);
    RootMismatchException e =
        catchThrowableOfType(
            RootMismatchException.class,
            () -> Proofs.verifyInclusion(5, 8, Leaves.leaf(4), proof, ROOT8));
    assertThat(e.which()).isEqualTo("root");
    assertThat(e.expected()).isEqualTo(ROOT8);
    assertThat(e.computed()).isNotEqualTo(ROOT8);
    assertThat(e).hasMessageContaining(ROOT8.hex()).hasMessageContaining(e.computed().hex());
  }

  @Test
  void consistencySizesOutOfOrder() {
    assertThatExceptionOfType(ProofException.class)
        .isThrownBy(() -> Proofs.verifyConsistency(8, 5, List.of(), ROOT8, ROOT5))
        .withMessageContaining("size2 (5) < size1 (8)");
  }

  @Test
  void consistencyFromEmptyTree() {
    assertThatExceptionOfType(ProofException.class)
        .isThrownBy(() -> Proofs.verifyConsistency(0, 0, List.of(), ROOT5, ROOT5))
        .withMessageContaining("size1 is 0");
  }

  @Test
  void consistencyEqualSizes() throws ProofException {
    Proofs.verifyConsistency(5, 5, List.of(), ROOT5, ROOT5);
    assertThatExceptionOfType(ProofException.class)
        .isThrownBy(() -> Proofs.verifyConsistency(5, 5, List.of(ROOT5), ROOT5, ROOT5))
        .withMessageContaining("needs an empty proof, got 1");
    assertThatExceptionOfType(RootMismatchException.class)
        .isThrownBy(() -> Proofs.verifyConsistency(5, 5, List.of(), ROOT5, ROOT8));
  }

  @Test
  void consistencyWrongLengthAndRoots() {
    List<Hash> proof = Proofs.consistency(5, 8, STORE);
    assertThatExceptionOfType(ProofException.class)
        .isThrownBy(() -> Proofs.verifyConsistency(5, 8, List.of(), ROOT5, ROOT8))
        .withMessageContaining("wrong length (expected " + proof.size() + " got 0)");
    RootMismatchException e =
        catchThrowableOfType(
            RootMismatchException.class, () -> Proofs.verifyConsistency(5, 8, proof, ROOT8, ROOT8));
    assertThat(e.which()).isEqualTo("root1");
    assertThat(e.expected()).isEqualTo(ROOT8);
    assertThat(e.computed()).isEqualTo(ROOT5);
  }

  @Test
  void generationRefusesImpossibleRequests() {
    assertThatIllegalArgumentException().isThrownBy(() -> Proofs.inclusion(8, 8, STORE));
    assertThatIllegalArgumentException().isThrownBy(() -> Proofs.inclusion(-1, 8, STORE));
    assertThatIllegalArgumentException().isThrownBy(() -> Proofs.consistency(0, 8, STORE));
    assertThatIllegalArgumentException().isThrownBy(() -> Proofs.consistency(8, 5, STORE));
    assertThat(Proofs.consistency(8, 8, STORE)).isEmpty();
    assertThat(Proofs.inclusion(0, 1, STORE)).isEmpty();
  }
}
