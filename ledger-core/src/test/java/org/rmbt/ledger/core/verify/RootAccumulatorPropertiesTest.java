package org.rmbt.ledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;

class RootAccumulatorPropertiesTest {
  /**
   * Leaves added as aligned perfect subtrees of random heights (as the verifier's slices add them)
   * give the RFC 9162 root of the same leaves, computed here by the definition.
   */
  @Property(tries = 200)
  void subtreesAddUpToTheRootOfTheirLeaves(
      @ForAll @IntRange(min = 0, max = 3000) int size, @ForAll long seed) {
    Random random = new Random(seed);
    List<Hash> leaves = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      leaves.add(Hashing.sha256(new byte[] {(byte) i, (byte) (i >> 8), (byte) seed}));
    }
    RootAccumulator acc = new RootAccumulator();
    int at = 0;
    while (at < size) {
      // The largest level the position allows and the leaves left fit, or any smaller one.
      int max =
          Math.min(
              Integer.numberOfTrailingZeros(at == 0 ? 1 << 30 : at),
              31 - Integer.numberOfLeadingZeros(size - at));
      int level = random.nextInt(max + 1);
      acc.add(definitionRoot(leaves, at, at + (1 << level)), level);
      at += 1 << level;
    }
    assertThat(acc.size()).isEqualTo(size);
    assertThat(acc.root()).isEqualTo(definitionRoot(leaves, 0, size));
  }

  @Test
  void refusesAnUnalignedSubtree() {
    RootAccumulator acc = new RootAccumulator();
    acc.add(Hash.ZERO);
    assertThatThrownBy(() -> acc.add(Hash.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a level-1 subtree cannot follow 1");
  }

  /** RFC 9162 §2.1.1, recursively. */
  private static Hash definitionRoot(List<Hash> leaves, int lo, int hi) {
    if (hi == lo) {
      return Hashing.emptyRoot();
    }
    if (hi - lo == 1) {
      return leaves.get(lo);
    }
    int k = Integer.highestOneBit(hi - lo - 1);
    return Hashing.node(definitionRoot(leaves, lo, lo + k), definitionRoot(leaves, lo + k, hi));
  }
}
