package org.rmbt.ledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.core.verify.SplitViewCheckTest.LOG;
import static org.rmbt.ledger.core.verify.SplitViewCheckTest.W1;
import static org.rmbt.ledger.core.verify.SplitViewCheckTest.W2;
import static org.rmbt.ledger.core.verify.SplitViewCheckTest.WITNESSES;
import static org.rmbt.ledger.core.verify.SplitViewCheckTest.cosigned;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.verify.SplitView.Outcome;

/**
 * A log shows witness one the honest tree and witness two a tree that agrees with it only on the
 * first {@code fork} leaves. Whatever the sizes each cosigned, and with the consistency proof the
 * larger side's log would give, the check finds a split exactly when the two differ.
 */
class SplitViewPropertiesTest {
  private static final int MAX = 40;
  private static final TestTree HONEST = new TestTree(LOG.name(), TestTree.leaves(0, MAX));

  @Property(tries = 200)
  void verdictFollowsWhereTheTwoTreesDiverge(
      @ForAll @IntRange(min = 0, max = MAX) int fork,
      @ForAll @IntRange(min = 1, max = MAX) int s1,
      @ForAll @IntRange(min = 1, max = MAX) int s2)
      throws Exception {
    TestTree forked =
        new TestTree(
            LOG.name(),
            TestTree.concat(TestTree.leaves(0, fork), TestTree.leaves(1000, 1000 + MAX - fork)));
    int small = Math.min(s1, s2);
    TestTree bigger = s1 > s2 ? HONEST : forked;
    Optional<List<Hash>> proof =
        s1 == s2 ? Optional.empty() : Optional.of(bigger.consistency(small, Math.max(s1, s2)));

    SplitView v =
        SplitViewCheck.check(
            cosigned(HONEST.checkpoint(s1), W1),
            cosigned(forked.checkpoint(s2), W2),
            LOG.verifierKey(),
            WITNESSES,
            1,
            proof);

    boolean agree = small <= fork;
    Outcome expected =
        agree ? Outcome.CONSISTENT : s1 == s2 ? Outcome.SPLIT_VIEW : Outcome.UNRESOLVED;
    assertThat(v.outcome()).as(v.message()).isEqualTo(expected);
  }
}
