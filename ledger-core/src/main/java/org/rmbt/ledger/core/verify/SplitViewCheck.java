package org.rmbt.ledger.core.verify;

import java.util.List;
import java.util.Optional;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.merkle.ProofException;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.verify.SplitView.Outcome;

/**
 * Offline split-view check: were two witnesses (or two readers) shown the same log? A log that
 * shows each reader a different tree signs, at some size, two roots; the witnesses that cosigned
 * each side vouch for what they were shown. With only the log's and the witnesses' public keys:
 *
 * <ul>
 *   <li>same size, different roots: a split view, proven by the two signed notes;
 *   <li>same size, same root: consistent;
 *   <li>different sizes: consistent only with an RFC 9162 consistency proof (§2.1.4) from the
 *       smaller to the larger that verifies against both roots; without one, unresolved.
 * </ul>
 *
 * <p>Pure: no clock, no I/O; the caller fetches any proof (e.g. {@code rmbt verify-split --from}).
 */
public final class SplitViewCheck {
  private SplitViewCheck() {}

  /**
   * Opens one side: the note must be signed by {@code logKey} for its own origin, carry no bad
   * signature by a listed witness, and verified cosignatures by at least {@code quorum} of them.
   *
   * @param field names the side in errors, e.g. {@code "checkpoint A"}
   */
  public static SignedCheckpoint open(
      String field, byte[] note, VerifierKey logKey, List<VerifierKey> witnesses, int quorum)
      throws MalformedException, VerificationException {
    if (quorum < 0 || quorum > witnesses.size()) {
      throw new MalformedException("quorum", "want 0 <= quorum <= " + witnesses.size());
    }
    try {
      return SignedCheckpoint.open(note, logKey.name(), logKey, witnesses, quorum);
    } catch (MalformedException e) {
      throw new MalformedException(field, e.getMessage(), e);
    } catch (VerificationException e) {
      throw new VerificationException(field + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@link #open} both notes, then {@link #check(SignedCheckpoint, SignedCheckpoint, Optional)}.
   */
  public static SplitView check(
      byte[] a,
      byte[] b,
      VerifierKey logKey,
      List<VerifierKey> witnesses,
      int quorum,
      Optional<List<Hash>> proof)
      throws MalformedException, VerificationException {
    return check(
        open("checkpoint A", a, logKey, witnesses, quorum),
        open("checkpoint B", b, logKey, witnesses, quorum),
        proof);
  }

  /**
   * Compares two checkpoints opened with the same log key.
   *
   * @param proof a consistency proof from the smaller size to the larger; unused for equal sizes
   */
  public static SplitView check(SignedCheckpoint a, SignedCheckpoint b, Optional<List<Hash>> proof)
      throws MalformedException {
    if (!a.checkpoint().origin().equals(b.checkpoint().origin())) {
      throw new MalformedException(
          "checkpoint B", "origin " + b.checkpoint().origin() + " is not A's origin");
    }
    long sa = a.checkpoint().size();
    long sb = b.checkpoint().size();
    if (sa == sb) {
      return sameSize(a, b);
    }
    SignedCheckpoint small = sa < sb ? a : b;
    SignedCheckpoint big = sa < sb ? b : a;
    if (small.checkpoint().size() == 0) {
      return emptyPrefix(a, b, small);
    }
    if (proof.isEmpty()) {
      return new SplitView(
          Outcome.UNRESOLVED,
          a,
          b,
          "sizes differ ("
              + both(a, b)
              + "): resolve the pair with a consistency proof from "
              + small.checkpoint().size()
              + " to "
              + big.checkpoint().size());
    }
    return withProof(a, b, small, big, proof.get());
  }

  private static SplitView sameSize(SignedCheckpoint a, SignedCheckpoint b) {
    long size = a.checkpoint().size();
    if (a.checkpoint().root().equals(b.checkpoint().root())) {
      return new SplitView(Outcome.CONSISTENT, a, b, "same tree: " + both(a, b));
    }
    return new SplitView(
        Outcome.SPLIT_VIEW,
        a,
        b,
        "the log signed two roots for size "
            + size
            + ": "
            + both(a, b)
            + ". The two signed notes are the proof.");
  }

  /** Every log's size-0 tree is the empty tree; a log that signs another root there lies. */
  private static SplitView emptyPrefix(SignedCheckpoint a, SignedCheckpoint b, SignedCheckpoint s) {
    if (s.checkpoint().root().equals(Hashing.emptyRoot())) {
      return new SplitView(
          Outcome.CONSISTENT, a, b, "the empty tree is a prefix of every tree: " + both(a, b));
    }
    return new SplitView(
        Outcome.SPLIT_VIEW,
        a,
        b,
        "the log signed size 0 with a root that is not the empty tree's: " + both(a, b));
  }

  /** Both checkpoints, named A and B, for a verdict's message. */
  private static String both(SignedCheckpoint a, SignedCheckpoint b) {
    return describe("A", a) + "; " + describe("B", b);
  }

  private static SplitView withProof(
      SignedCheckpoint a,
      SignedCheckpoint b,
      SignedCheckpoint small,
      SignedCheckpoint big,
      List<Hash> proof) {
    long s1 = small.checkpoint().size();
    long s2 = big.checkpoint().size();
    String both = both(a, b);
    try {
      Proofs.verifyConsistency(s1, s2, proof, small.checkpoint().root(), big.checkpoint().root());
    } catch (ProofException e) {
      return new SplitView(
          Outcome.UNRESOLVED,
          a,
          b,
          "the consistency proof from "
              + s1
              + " to "
              + s2
              + " does not verify ("
              + e.getMessage()
              + "): "
              + both
              + ". Resolve the pair with a proof that does, or compare the log's checkpoint at"
              + " size "
              + s1
              + " as the other witness saw it");
    }
    return new SplitView(
        Outcome.CONSISTENT, a, b, "size " + s1 + " is a prefix of size " + s2 + ": " + both);
  }

  /** {@code A: size 12, root <b64>, cosigned by w1, w2}. */
  static String describe(String side, SignedCheckpoint cp) {
    List<String> w = SplitView.witnesses(cp);
    return side
        + ": size "
        + cp.checkpoint().size()
        + ", root "
        + cp.checkpoint().root().base64()
        + (w.isEmpty() ? ", no witness cosignature" : ", cosigned by " + String.join(", ", w));
  }
}
