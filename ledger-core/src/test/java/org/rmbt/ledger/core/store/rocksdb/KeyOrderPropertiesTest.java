package org.rmbt.ledger.core.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class KeyOrderPropertiesTest {
  /**
   * Whatever the rows, the order is RocksDB's bytewise order of the keys; few distinct first bytes
   * make many rows tie on the packed prefix, so the tie-breaking path runs too.
   */
  @Property(tries = 300)
  void sortsLikeAnUnsignedComparisonOfTheKeys(
      @ForAll @IntRange(min = 0, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 256) int distinctBytes,
      @ForAll long seed) {
    Random random = new Random(seed);
    byte[][] rows = new byte[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new byte[40];
      for (int b = 0; b < rows[i].length; b++) {
        rows[i][b] = (byte) (random.nextInt(distinctBytes) - 128);
      }
    }
    byte[][] expected = rows.clone();
    Arrays.sort(expected, (a, b) -> Arrays.compareUnsigned(a, 0, 32, b, 0, 32));

    byte[][] sorted = KeyOrder.sort(rows.clone(), 32);

    for (int i = 0; i < n; i++) {
      assertThat(Arrays.copyOf(sorted[i], 32)).isEqualTo(Arrays.copyOf(expected[i], 32));
    }
    assertThat(Arrays.asList(sorted)).containsExactlyInAnyOrder(rows);
  }
}
