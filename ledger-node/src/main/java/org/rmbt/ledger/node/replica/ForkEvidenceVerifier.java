package org.rmbt.ledger.node.replica;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.merkle.HashReader;
import org.rmbt.ledger.core.merkle.MerkleTree;
import org.rmbt.ledger.core.merkle.ProofException;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.record.SignerKeys;
import org.rmbt.ledger.proto.LedgerEntry;

/**
 * Checks fork evidence offline, with only the log's public key: every note must be signed by the
 * log, and the conflict must follow from the evidence alone. Checkpoint lies are proven by the
 * log's own signatures; entry lies show what the replica was served, re-checked here.
 */
public final class ForkEvidenceVerifier {
  private ForkEvidenceVerifier() {}

  /**
   * Returns what the evidence proves.
   *
   * @param signers envelope signer keys, to re-check a bad entry's signatures (may be null)
   * @throws VerificationException the evidence does not show a conflict
   * @throws MalformedException the evidence is malformed or a note is not signed by the log
   */
  public static String verify(ForkEvidence e, VerifierKey logKey, SignerKeys signers)
      throws MalformedException, VerificationException {
    List<Checkpoint> cps = new ArrayList<>();
    for (String note : e.notes()) {
      cps.add(EvidenceCollector.open(note.getBytes(StandardCharsets.UTF_8), logKey).checkpoint());
    }
    return switch (e.kind()) {
      case "SAME_SIZE_DIFFERENT_ROOTS" -> sameSize(cps);
      case "ROLLBACK" -> rollback(cps);
      case "INCONSISTENT" -> inconsistent(e, cps);
      case "ENTRIES_DO_NOT_MATCH_ROOT" -> entriesMismatch(e, cps);
      case "BAD_ENTRY" -> badEntry(e, signers);
      default -> throw new MalformedException("kind", "unknown: " + e.kind());
    };
  }

  private static String sameSize(List<Checkpoint> cps) throws VerificationException {
    need(cps.size() == 2, "want two notes");
    Checkpoint a = cps.get(0);
    Checkpoint b = cps.get(1);
    need(a.size() == b.size() && !a.root().equals(b.root()), "notes do not conflict");
    return "the log signed two roots for size " + a.size();
  }

  private static String rollback(List<Checkpoint> cps) throws VerificationException {
    need(cps.size() == 2, "want two notes");
    need(cps.get(1).size() < cps.get(0).size(), "second note is not smaller");
    return "the log served size "
        + cps.get(1).size()
        + " as its latest after size "
        + cps.get(0).size()
        + " (both signed)";
  }

  /**
   * The replica's root at the small size is proven to be in the big tree; the log signed another.
   */
  private static String inconsistent(ForkEvidence e, List<Checkpoint> cps)
      throws VerificationException {
    need(cps.size() == 2, "want two notes");
    Checkpoint big = cps.get(0);
    Checkpoint small = cps.get(1);
    need(small.size() < big.size(), "second note is not smaller");
    Hash expected = e.ownRoot();
    if (small.size() == 0) {
      expected = Hashing.emptyRoot();
    } else {
      try {
        Proofs.verifyConsistency(small.size(), big.size(), e.proof(), expected, big.root());
      } catch (ProofException ex) {
        throw new VerificationException("consistency proof does not verify: " + ex.getMessage());
      }
    }
    need(!expected.equals(small.root()), "the small checkpoint is consistent");
    return "the log signed size "
        + small.size()
        + " with a root that is not a prefix of its size "
        + big.size();
  }

  private static String entriesMismatch(ForkEvidence e, List<Checkpoint> cps)
      throws VerificationException {
    need(!cps.isEmpty() && cps.size() <= 2, "want one or two notes");
    Checkpoint signed = cps.get(cps.size() - 1);
    long m = cps.size() == 2 ? cps.get(0).size() : 0;
    need(signed.size() - m == e.leafHashes().size(), "leaf hashes do not fill the gap");
    HashReader prefix =
        idx -> {
          List<Hash> out = new ArrayList<>();
          for (long i : idx) {
            Hash h = e.prefix().get(i);
            if (h == null) {
              throw new IllegalArgumentException("prefix lacks stored hash " + i);
            }
            out.add(h);
          }
          return out;
        };
    try {
      if (cps.size() == 2) {
        need(MerkleTree.treeHash(m, prefix).equals(cps.get(0).root()), "prefix is not accepted");
      }
      Hash served = MerkleTree.integrate(m, e.leafHashes(), prefix).root();
      need(!served.equals(signed.root()), "served entries do hash to the signed root");
    } catch (IllegalArgumentException ex) {
      throw new VerificationException("prefix: " + ex.getMessage());
    }
    return "the entries served after size "
        + m
        + " do not hash to the root signed at size "
        + signed.size();
  }

  /** Re-runs the checks that need no log state; the rest is the replica's word. */
  private static String badEntry(ForkEvidence e, SignerKeys signers) throws VerificationException {
    LedgerEntry entry;
    try {
      entry = EntryCodec.decodeEntry(e.entry());
    } catch (MalformedException ex) {
      return "entry " + e.index() + " does not decode: " + ex.getMessage();
    }
    if (entry.getIndex() != e.index()) {
      return "entry served at " + e.index() + " says index " + entry.getIndex();
    }
    if (!EntryCodec.prevLeafHash(entry).equals(e.prevLeafHash())) {
      return "entry " + e.index() + " breaks the hash chain";
    }
    if (signers != null) {
      try {
        signers.verify("entry.envelope", entry.getEnvelope());
      } catch (MalformedException | VerificationException ex) {
        return "entry " + e.index() + " has a bad signature: " + ex.getMessage();
      }
    }
    throw new VerificationException(
        "entry " + e.index() + ": not reproducible offline (needs the log's state): " + e.reason());
  }

  private static void need(boolean ok, String why) throws VerificationException {
    if (!ok) {
      throw new VerificationException(why);
    }
  }
}
