package org.rmbt.ledger.core.verify;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.merkle.ProofException;
import org.rmbt.ledger.core.merkle.Proofs;

/**
 * Offline verification of a proof bundle with nothing but the keys the auditor trusts: the
 * checkpoint's signature (and witness quorum), each entry's inclusion, the hash chain between
 * consecutive entries, and consistency from each older checkpoint.
 *
 * @param logKey the log key the auditor trusts; the bundle must name exactly this key
 * @param witnesses witness keys the auditor trusts ({@code cosignature/v1})
 * @param witnessQuorum how many of them must have cosigned the checkpoint
 */
public record BundleVerifier(VerifierKey logKey, List<VerifierKey> witnesses, int witnessQuorum) {
  public BundleVerifier {
    witnesses = List.copyOf(witnesses);
  }

  public static BundleVerifier trusting(VerifierKey logKey) {
    return new BundleVerifier(logKey, List.of(), 0);
  }

  public VerifiedBundle verify(ProofBundle bundle)
      throws MalformedException, VerificationException {
    VerifierKey named = VerifierKey.parse(bundle.logKey());
    if (!named.encode().equals(logKey.encode())) {
      throw new LogVerificationException(
          "bundle names log key " + named.encode() + ", not the trusted " + logKey.encode());
    }
    SignedCheckpoint cp = open("checkpoint", bundle.checkpoint());
    cp.requireQuorum(witnesses, witnessQuorum);
    Checkpoint head = cp.checkpoint();
    verifyEntries(bundle.entries(), head);
    for (int i = 0; i < bundle.consistency().size(); i++) {
      verifyConsistency("consistency[" + i + "]", bundle.consistency().get(i), head);
    }
    return new VerifiedBundle(
        cp,
        bundle.entries().size(),
        bundle.consistency().size(),
        cp.cosignatures().size(),
        bundle.anchors().size());
  }

  /**
   * That the bundle's checkpoint extends anchor {@code a}'s (treeSize, root): the bundle holds the
   * checkpoint the log signed at the anchored size, with exactly that root, and a consistency proof
   * from it (verified here too). When the anchor carries its checkpoint note, that note must bear
   * the log's signature and name the anchor's size and root. What the chain says is the anchor
   * verifier's business.
   *
   * @return the signed checkpoint that was anchored (the anchor's own note when it has one)
   */
  public SignedCheckpoint anchoredCheckpoint(ProofBundle bundle, ProofBundle.Anchor a)
      throws MalformedException, VerificationException {
    String where = "anchor on chain " + a.chainId() + " at size " + a.treeSize();
    SignedCheckpoint head = open("checkpoint", bundle.checkpoint());
    long size = head.checkpoint().size();
    if (a.treeSize() < 1 || a.treeSize() > size) {
      throw new LogVerificationException(where + ": not within the checkpoint's size " + size);
    }
    SignedCheckpoint proven = provenAt(bundle, a, head, where);
    if (a.checkpoint().isEmpty()) {
      return proven;
    }
    SignedCheckpoint own = open("anchors.checkpoint", a.checkpoint().get());
    if (own.checkpoint().size() != a.treeSize()) {
      throw new LogVerificationException(
          where + ": its checkpoint note is of size " + own.checkpoint().size());
    }
    requireRoot(where + " (its checkpoint note)", a.root(), own.checkpoint().root());
    return own;
  }

  /** The bundle's checkpoint at the anchored size, proven consistent with its head. */
  private SignedCheckpoint provenAt(
      ProofBundle bundle, ProofBundle.Anchor a, SignedCheckpoint head, String where)
      throws MalformedException, VerificationException {
    for (int i = 0; i < bundle.consistency().size(); i++) {
      ProofBundle.Consistency c = bundle.consistency().get(i);
      SignedCheckpoint old = open("consistency[" + i + "].checkpoint", c.checkpoint());
      if (old.checkpoint().size() == a.treeSize()) {
        requireRoot(where, a.root(), old.checkpoint().root());
        verifyConsistency("consistency[" + i + "]", c, head.checkpoint());
        return old;
      }
    }
    if (a.treeSize() == head.checkpoint().size()) {
      requireRoot(where, a.root(), head.checkpoint().root());
      return head;
    }
    throw new LogVerificationException(
        where + ": the bundle holds no consistency proof from the anchored checkpoint");
  }

  private static void requireRoot(String where, Hash anchored, Hash signed)
      throws LogVerificationException {
    if (!anchored.equals(signed)) {
      throw new LogVerificationException(
          where
              + ": anchors root "
              + anchored.base64()
              + ", but the log signed root "
              + signed.base64()
              + " at that size");
    }
  }

  private void verifyEntries(List<ProofBundle.Entry> entries, Checkpoint head)
      throws LogVerificationException {
    long lastIndex = -1;
    Hash lastLeaf = null;
    for (int i = 0; i < entries.size(); i++) {
      ProofBundle.Entry e = entries.get(i);
      String where = "entries[" + i + "] (index " + e.index() + ")";
      if (e.index() <= lastIndex) {
        throw new LogVerificationException(where + ": entries must be in increasing index order");
      }
      // The chain link is checkable only when the predecessor is in the bundle too.
      Hash prev = e.index() == 0 ? Hash.ZERO : e.index() == lastIndex + 1 ? lastLeaf : null;
      Hash leaf = LogVerifier.checkEntry(where, e.index(), e.entry(), prev);
      try {
        Proofs.verifyInclusion(e.index(), head.size(), leaf, e.inclusionProof(), head.root());
      } catch (ProofException ex) {
        throw new LogVerificationException(where + ": " + ex.getMessage(), ex);
      }
      lastIndex = e.index();
      lastLeaf = leaf;
    }
  }

  private void verifyConsistency(String where, ProofBundle.Consistency c, Checkpoint head)
      throws MalformedException, VerificationException {
    Checkpoint old = open(where + ".checkpoint", c.checkpoint()).checkpoint();
    try {
      Proofs.verifyConsistency(old.size(), head.size(), c.proof(), old.root(), head.root());
    } catch (ProofException ex) {
      throw new LogVerificationException(
          where + " (size " + old.size() + " to " + head.size() + "): " + ex.getMessage(), ex);
    }
  }

  private SignedCheckpoint open(String where, String note)
      throws MalformedException, VerificationException {
    try {
      return SignedCheckpoint.open(
          note.getBytes(StandardCharsets.UTF_8), logKey.name(), logKey, witnesses);
    } catch (MalformedException e) {
      throw new MalformedException("bundle." + where + "." + e.field(), e.reason(), e);
    } catch (VerificationException e) {
      throw new LogVerificationException(where + ": " + e.getMessage(), e);
    }
  }
}
