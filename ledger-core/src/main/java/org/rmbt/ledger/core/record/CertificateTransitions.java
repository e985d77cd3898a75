package org.rmbt.ledger.core.record;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rmbt.ledger.proto.CertificationDecision.Action;

/**
 * Which decision may follow a certificate's status, computed at the new entry's position and
 * integration time ({@link CertificateStatusCalculator}).
 *
 * <pre>
 * from \ action  GRANT RENEW  RESTRICT SUSPEND REINSTATE WITHDRAW
 * (none)         yes   -      -        -       -         -
 * ACTIVE         -     yes    yes      yes     -         yes
 * RESTRICTED     -     yes    yes      yes     yes       yes
 * SUSPENDED      -     -      -        -       yes       yes
 * EXPIRED        -     yes*   -        -       -         yes
 * WITHDRAWN      -     -      -        -       -         -
 * </pre>
 *
 * <p>* only if the scheme's {@code renew_after_expiry_allowed}. WITHDRAWN is final. A suspended
 * certificate is reinstated before it is renewed, so a suspension cannot be renewed away.
 */
final class CertificateTransitions {
  private static final Map<CertificateStatus, Set<Action>> ALLOWED =
      new EnumMap<>(CertificateStatus.class);

  static {
    ALLOWED.put(
        CertificateStatus.ACTIVE,
        EnumSet.of(Action.RENEW, Action.RESTRICT, Action.SUSPEND, Action.WITHDRAW));
    ALLOWED.put(
        CertificateStatus.RESTRICTED,
        EnumSet.of(
            Action.RENEW, Action.RESTRICT, Action.SUSPEND, Action.REINSTATE, Action.WITHDRAW));
    ALLOWED.put(CertificateStatus.SUSPENDED, EnumSet.of(Action.REINSTATE, Action.WITHDRAW));
    ALLOWED.put(CertificateStatus.EXPIRED, EnumSet.of(Action.WITHDRAW));
    ALLOWED.put(CertificateStatus.WITHDRAWN, EnumSet.noneOf(Action.class));
  }

  private CertificateTransitions() {}

  static boolean allowed(
      Optional<CertificateStatus> from, Action action, boolean renewAfterExpiryAllowed) {
    if (from.isEmpty()) {
      return action == Action.GRANT;
    }
    if (from.get() == CertificateStatus.EXPIRED && action == Action.RENEW) {
      return renewAfterExpiryAllowed;
    }
    return ALLOWED.get(from.get()).contains(action);
  }
}
