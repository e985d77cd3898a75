package org.rmbt.ledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.CosignatureQuorumException;
import org.rmbt.ledger.core.checkpoint.Cosigner;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.verify.SplitView.Outcome;

/** Two cosigned checkpoints of one log: same tree, a split view, or not decidable without proof. */
class SplitViewCheckTest {
  static final SignerKey LOG = SignerKey.of("split.example/log", key(1));
  static final Cosigner W1 = Cosigner.of("witness-one.example", key(2));
  static final Cosigner W2 = Cosigner.of("witness-two.example", key(3));
  static final List<VerifierKey> WITNESSES = List.of(W1.verifierKey(), W2.verifierKey());

  /** The honest log: leaves 0..19. */
  private final TestTree honest = new TestTree(LOG.name(), TestTree.leaves(0, 20));

  /** What the log showed witness two: the same first 8 leaves, then others. */
  private final TestTree forked =
      new TestTree(LOG.name(), TestTree.concat(TestTree.leaves(0, 8), TestTree.leaves(100, 112)));

  @Test
  void sameSizeDifferentRootsIsASplitViewNamingBothWitnessesAndRoots() throws Exception {
    byte[] a = cosigned(honest.checkpoint(12), W1);
    byte[] b = cosigned(forked.checkpoint(12), W2);

    SplitView v = SplitViewCheck.check(a, b, LOG.verifierKey(), WITNESSES, 1, Optional.empty());

    assertThat(v.outcome()).isEqualTo(Outcome.SPLIT_VIEW);
    assertThat(v.message())
        .contains("two roots for size 12")
        .contains("witness-one.example")
        .contains("witness-two.example")
        .contains(honest.root(12).base64())
        .contains(forked.root(12).base64());
    assertThat(SplitView.witnesses(v.a())).containsExactly("witness-one.example");
    assertThat(SplitView.witnesses(v.b())).containsExactly("witness-two.example");
  }

  @Test
  void sameSizeSameRootIsConsistent() throws Exception {
    SplitView v =
        SplitViewCheck.check(
            cosigned(honest.checkpoint(12), W1),
            cosigned(honest.checkpoint(12), W2),
            LOG.verifierKey(),
            WITNESSES,
            1,
            Optional.empty());
    assertThat(v.outcome()).isEqualTo(Outcome.CONSISTENT);
  }

  @Test
  void differentSizesNeedAConsistencyProofThatVerifies() throws Exception {
    byte[] a = cosigned(honest.checkpoint(9), W1);
    byte[] b = cosigned(honest.checkpoint(17), W2);
    VerifierKey k = LOG.verifierKey();

    assertThat(SplitViewCheck.check(a, b, k, WITNESSES, 1, Optional.empty()).outcome())
        .isEqualTo(Outcome.UNRESOLVED);
    Optional<List<Hash>> proof = Optional.of(honest.consistency(9, 17));
    assertThat(SplitViewCheck.check(a, b, k, WITNESSES, 1, proof).outcome())
        .isEqualTo(Outcome.CONSISTENT);
    // The order of the two does not matter.
    assertThat(SplitViewCheck.check(b, a, k, WITNESSES, 1, proof).outcome())
        .isEqualTo(Outcome.CONSISTENT);
  }

  @Test
  void aForkAtDifferentSizesStaysUnresolvedWhateverProofTheLogGives() throws Exception {
    byte[] a = cosigned(honest.checkpoint(10), W1);
    byte[] b = cosigned(forked.checkpoint(15), W2);
    for (TestTree t : List.of(honest, forked)) {
      Optional<List<Hash>> proof = Optional.of(t.consistency(10, 15));
      SplitView v = SplitViewCheck.check(a, b, LOG.verifierKey(), WITNESSES, 1, proof);
      assertThat(v.outcome()).isEqualTo(Outcome.UNRESOLVED);
      assertThat(v.message()).contains("does not verify").contains("from 10 to 15");
    }
  }

  @Test
  void theEmptyTreeIsAPrefixOfEveryTree() throws Exception {
    SplitView v =
        SplitViewCheck.check(
            cosigned(new Checkpoint(LOG.name(), 0, Hashing.emptyRoot()), W1),
            cosigned(forked.checkpoint(5), W2),
            LOG.verifierKey(),
            WITNESSES,
            1,
            Optional.empty());
    assertThat(v.outcome()).isEqualTo(Outcome.CONSISTENT);
  }

  @Test
  void aSideWithoutTheWitnessQuorumIsRefused() throws Exception {
    byte[] a = cosigned(honest.checkpoint(12), W1);
    byte[] b = cosigned(forked.checkpoint(12), W2);
    VerificationException e =
        catchThrowableOfType(
            VerificationException.class,
            () -> SplitViewCheck.check(a, b, LOG.verifierKey(), WITNESSES, 2, Optional.empty()));
    assertThat(e.getMessage()).startsWith("checkpoint A: ");
    CosignatureQuorumException q = (CosignatureQuorumException) e.getCause();
    assertThat(q.required()).isEqualTo(2);
    assertThat(q.found()).isEqualTo(1);
  }

  @Test
  void aNoteNotSignedByTheLogKeyIsRefused() throws Exception {
    SignerKey other = SignerKey.of(LOG.name(), key(9));
    SignedCheckpoint cp = SignedCheckpoint.sign(forked.checkpoint(12), other);
    byte[] b = cp.withCosignature(W2.cosign(cp.checkpoint(), 7), W2.verifierKey()).note();
    VerificationException e =
        catchThrowableOfType(
            VerificationException.class,
            () ->
                SplitViewCheck.check(
                    cosigned(honest.checkpoint(12), W1),
                    b,
                    LOG.verifierKey(),
                    WITNESSES,
                    1,
                    Optional.empty()));
    assertThat(e.getMessage()).startsWith("checkpoint B: ");
  }

  static byte[] cosigned(Checkpoint c, Cosigner w) throws Exception {
    return SignedCheckpoint.sign(c, LOG)
        .withCosignature(w.cosign(c, 1_700_000_000L), w.verifierKey())
        .note();
  }

  static Ed25519PrivateKey key(int seed) {
    byte[] s = new byte[32];
    new Random(seed).nextBytes(s);
    return Ed25519PrivateKey.fromSeed(s);
  }
}
