package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.rmbt.ledger.proto.CertificationDecision;
import org.rmbt.ledger.proto.CertificationDecision.Action;

/** The calculator against a plain reference written as a scan over the whole history. */
class CertificateStatusPropertiesTest {
  private static final List<Action> ACTIONS =
      List.of(
          Action.GRANT,
          Action.RENEW,
          Action.RESTRICT,
          Action.SUSPEND,
          Action.REINSTATE,
          Action.WITHDRAW);

  /** Reference: look at the decisions below the size as a whole, no running state. */
  static Optional<CertificateStatus> reference(List<DecisionAtIndex> all, long size, long time) {
    List<CertificationDecision> seen = new ArrayList<>();
    for (DecisionAtIndex d : all) {
      if (d.index() < size) {
        seen.add(d.decision());
      }
    }
    if (seen.isEmpty()) {
      return Optional.empty();
    }
    if (seen.stream().anyMatch(d -> d.getAction() == Action.WITHDRAW)) {
      return Optional.of(CertificateStatus.WITHDRAWN);
    }
    Long until = null;
    for (int i = seen.size() - 1; i >= 0 && until == null; i--) {
      Action a = seen.get(i).getAction();
      if (a == Action.GRANT || a == Action.RENEW) {
        until = seen.get(i).getValidUntil();
      }
    }
    if (until == null || time >= until) {
      return Optional.of(CertificateStatus.EXPIRED);
    }
    Action last = seen.get(seen.size() - 1).getAction();
    if (last == Action.RESTRICT) {
      return Optional.of(CertificateStatus.RESTRICTED);
    }
    if (last == Action.SUSPEND) {
      return Optional.of(CertificateStatus.SUSPENDED);
    }
    return Optional.of(CertificateStatus.ACTIVE);
  }

  @Provide
  Arbitrary<List<DecisionAtIndex>> histories() {
    Arbitrary<CertificationDecision> decision =
        Combinators.combine(Arbitraries.of(ACTIONS), Arbitraries.longs().between(0, 1000))
            .as(
                (a, until) ->
                    CertificationDecision.newBuilder().setAction(a).setValidUntil(until).build());
    Arbitrary<Integer> gap = Arbitraries.integers().between(1, 3);
    return Combinators.combine(decision, gap)
        .as((d, g) -> new Object[] {d, g})
        .list()
        .ofMaxSize(12)
        .map(
            pairs -> {
              List<DecisionAtIndex> out = new ArrayList<>();
              long index = 0;
              for (Object[] p : pairs) {
                index += (Integer) p[1];
                out.add(new DecisionAtIndex(index, (CertificationDecision) p[0]));
              }
              return out;
            });
  }

  @Property(tries = 3000)
  void calculatorAgreesWithTheReference(
      @ForAll("histories") List<DecisionAtIndex> history,
      @ForAll @LongRange(min = 0, max = 40) long size,
      @ForAll @LongRange(min = 0, max = 1000) long time) {
    assertThat(CertificateStatusCalculator.statusAt(history, size, time))
        .isEqualTo(reference(history, size, time));
  }

  @Property(tries = 1000)
  void withdrawnIsFinalAndLaterEntriesNeverUndoIt(
      @ForAll("histories") List<DecisionAtIndex> history,
      @ForAll @LongRange(min = 0, max = 1000) long time) {
    boolean withdrawn = false;
    for (long size = 0; size <= 40; size++) {
      Optional<CertificateStatus> s = CertificateStatusCalculator.statusAt(history, size, time);
      if (withdrawn) {
        assertThat(s).contains(CertificateStatus.WITHDRAWN);
      }
      withdrawn = s.equals(Optional.of(CertificateStatus.WITHDRAWN));
    }
  }

  @Property(tries = 1000)
  void legalSequencesOnlyExpireByTime(@ForAll("histories") List<DecisionAtIndex> history) {
    // whatever the decisions, a time before every validity end never shows EXPIRED after a GRANT
    Optional<CertificateStatus> s = CertificateStatusCalculator.statusAt(history, 40, -1);
    boolean granted =
        history.stream()
            .anyMatch(
                d ->
                    d.decision().getAction() == Action.GRANT
                        || d.decision().getAction() == Action.RENEW);
    if (granted) {
      assertThat(s).isNotEqualTo(Optional.of(CertificateStatus.EXPIRED));
    }
  }
}
