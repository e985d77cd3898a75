package org.rmbt.ledger.core.verify;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.record.CertificateStatus;
import org.rmbt.ledger.core.record.CertificateStatusCalculator;
import org.rmbt.ledger.core.record.RecordState;

/**
 * Offline verification of a provenance bundle (docs/BUNDLES.md), in this order, each step trusting
 * only what the ones before proved:
 *
 * <ol>
 *   <li>the plain {@link BundleVerifier} checks: checkpoint signature and witnesses, inclusion of
 *       every entry, hash chain, consistency;
 *   <li>every subject the bundle names has its entries without a gap ({@link SubjectChains});
 *   <li>every claimed certificate is such a subject;
 *   <li>the entries, replayed through the record rules from the genesis, are each admissible where
 *       they stand: signatures by keys registered before them, signer authority at that position (a
 *       key revoked before the entry is refused), references that resolve ({@link
 *       ProvenanceReplay});
 *   <li>each claimed status is what {@link CertificateStatusCalculator} gives from the replayed
 *       decisions as of the checkpoint's size and the claim's time.
 * </ol>
 *
 * <p>What it cannot show: that no entry about a subject follows the last one the bundle holds.
 */
public record ProvenanceVerifier(BundleVerifier bundles) {
  public VerifiedProvenance verify(ProofBundle bundle)
      throws MalformedException, VerificationException {
    VerifiedBundle plain = bundles.verify(bundle);
    List<LoggedEntry> entries = LoggedEntry.decodeAll(bundle.entries());
    SubjectChains.check(entries, bundle.subjects());
    Set<String> subjects = Set.copyOf(bundle.subjects());
    for (int i = 0; i < bundle.claims().size(); i++) {
      String cert = bundle.claims().get(i).certificate();
      if (!subjects.contains("cert:" + cert)) {
        throw new ProvenanceException(
            claimWhere(i, cert),
            "cert:" + cert + " is not among the subjects the bundle holds without a gap");
      }
    }
    RecordState state = ProvenanceReplay.replay(entries, subjects);
    long size = plain.checkpoint().checkpoint().size();
    for (int i = 0; i < bundle.claims().size(); i++) {
      checkClaim(i, bundle.claims().get(i), state, size);
    }
    return new VerifiedProvenance(plain, bundle.subjects(), entries.size(), bundle.claims());
  }

  private static void checkClaim(int i, ProofBundle.Claim claim, RecordState state, long size)
      throws ProvenanceException {
    Optional<CertificateStatus> computed =
        CertificateStatusCalculator.statusAt(
            state.decisions(claim.certificate()), size, claim.asOfMillis());
    if (computed.isEmpty() || computed.get() != claim.status()) {
      throw new ProvenanceException(
          claimWhere(i, claim.certificate()),
          "claims "
              + claim.status()
              + ", but the entries give "
              + computed.map(Enum::name).orElse("no decision")
              + " as of size "
              + size
              + " and time "
              + claim.asOfMillis());
    }
  }

  private static String claimWhere(int i, String cert) {
    return "claims[" + i + "] (" + cert + ")";
  }
}
