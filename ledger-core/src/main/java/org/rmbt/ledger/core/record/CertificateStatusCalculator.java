package org.rmbt.ledger.core.record;

import java.util.List;
import java.util.Optional;
import org.rmbt.ledger.proto.CertificationDecision;

/**
 * A certificate's status from its decisions, as of a tree size and a time. Every decision at an
 * index below the tree size counts (the log said it by then); the time decides only expiry:
 *
 * <ul>
 *   <li>GRANT, RENEW → ACTIVE until that decision's {@code valid_until}; REINSTATE → ACTIVE;
 *       RESTRICT → RESTRICTED; SUSPEND → SUSPENDED; WITHDRAW → WITHDRAWN, for good.
 *   <li>Then: WITHDRAWN wins; else EXPIRED when the time is at or after the latest GRANT/RENEW's
 *       {@code valid_until}; else the status the last decision set.
 * </ul>
 *
 * <p>Total over any sequence, legal or not: {@link RecordRules} decides which decisions enter the
 * log. Linear in the number of decisions.
 */
public final class CertificateStatusCalculator {
  private CertificateStatusCalculator() {}

  /**
   * @param decisions one certificate's decisions in log order
   * @return empty when no decision lies below {@code treeSize}: the certificate did not exist yet
   */
  public static Optional<CertificateStatus> statusAt(
      List<DecisionAtIndex> decisions, long treeSize, long timeMillis) {
    CertificateStatus set = null;
    long validUntil = Long.MIN_VALUE;
    long lastIndex = -1;
    for (DecisionAtIndex d : decisions) {
      if (d.index() <= lastIndex) {
        throw new IllegalArgumentException("decisions out of log order at index " + d.index());
      }
      lastIndex = d.index();
      if (d.index() >= treeSize || set == CertificateStatus.WITHDRAWN) {
        continue;
      }
      CertificationDecision c = d.decision();
      switch (c.getAction()) {
        case GRANT, RENEW -> {
          set = CertificateStatus.ACTIVE;
          validUntil = c.getValidUntil();
        }
        case REINSTATE -> set = CertificateStatus.ACTIVE;
        case RESTRICT -> set = CertificateStatus.RESTRICTED;
        case SUSPEND -> set = CertificateStatus.SUSPENDED;
        case WITHDRAW -> set = CertificateStatus.WITHDRAWN;
        default -> throw new IllegalArgumentException("decision without action at " + d.index());
      }
    }
    if (set == null || set == CertificateStatus.WITHDRAWN) {
      return Optional.ofNullable(set);
    }
    return Optional.of(timeMillis >= validUntil ? CertificateStatus.EXPIRED : set);
  }
}
