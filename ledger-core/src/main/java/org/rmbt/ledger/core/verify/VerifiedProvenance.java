package org.rmbt.ledger.core.verify;

import java.util.List;

/**
 * What a provenance bundle proved, on top of {@link VerifiedBundle}: the subjects whose chains it
 * holds without a gap, that every entry it holds was admissible where it stands (signatures, signer
 * authority, record rules), and the certificate statuses that follow from them.
 *
 * @param entriesReplayed entries run through the record rules
 * @param statuses each claim, confirmed by recomputation from the entries
 */
public record VerifiedProvenance(
    VerifiedBundle bundle,
    List<String> subjects,
    int entriesReplayed,
    List<ProofBundle.Claim> statuses) {
  public VerifiedProvenance {
    subjects = List.copyOf(subjects);
    statuses = List.copyOf(statuses);
  }
}
