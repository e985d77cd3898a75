package org.rmbt.ledger.core.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hash;

class HashFilterPropertiesTest {
  @Property(tries = 50)
  void everyAddedHashMayBeContained(
      @ForAll @Size(max = 3_000) List<@Size(32) byte[]> keys,
      @ForAll @IntRange(min = 1, max = 4_000) int capacity) {
    HashFilter filter = new HashFilter(capacity);
    for (byte[] k : keys) {
      filter.add(k, 0);
    }
    for (byte[] k : keys) {
      assertThat(filter.mightContain(new Hash(k))).isTrue();
    }
  }

  @Test
  void keysReadFromAnOffsetAreTheSameKeys() {
    byte[] buf = new byte[3 * Hash.SIZE];
    new Random(7).nextBytes(buf);
    HashFilter filter = new HashFilter(100);
    filter.add(buf, Hash.SIZE);
    byte[] middle = Arrays.copyOfRange(buf, Hash.SIZE, 2 * Hash.SIZE);
    assertThat(filter.mightContain(new Hash(middle))).isTrue();
  }

  @Test
  void atCapacityFewOtherHashesPass() {
    HashFilter filter = new HashFilter(100_000);
    Random random = new Random(1);
    byte[] key = new byte[Hash.SIZE];
    for (long i = 0; i < filter.capacity(); i++) {
      random.nextBytes(key);
      filter.add(key, 0);
    }
    int passed = 0;
    for (int i = 0; i < 100_000; i++) {
      random.nextBytes(key);
      passed += filter.mightContain(new Hash(key.clone())) ? 1 : 0;
    }
    assertThat(passed).as("false positives in 100,000").isBetween(1, 3_000);
  }
}
