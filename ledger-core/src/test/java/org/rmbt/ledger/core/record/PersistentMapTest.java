package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PersistentMapTest {
  /** A key whose hash is chosen, to force full collisions and deep splits. */
  record Key(int hash, int id) {
    @Override
    public int hashCode() {
      return hash;
    }
  }

  @Property(tries = 300)
  void behavesLikeAHashMapAndOldVersionsNeverChange(
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 400) Integer> keys,
      @ForAll @IntRange(min = 0, max = 3) int hashBits) {
    PersistentMap<Key, Integer> m = PersistentMap.empty();
    Map<Key, Integer> expected = new HashMap<>();
    PersistentMap<Key, Integer> midway = m;
    Map<Key, Integer> midwayExpected = Map.of();
    int mask = hashBits == 0 ? -1 : (1 << hashBits) - 1; // small masks: many collisions
    for (int i = 0; i < keys.size(); i++) {
      Key k = new Key((keys.get(i) * 0x9E3779B9) & mask, keys.get(i));
      m = m.with(k, i);
      expected.put(k, i);
      if (i == keys.size() / 2) {
        midway = m;
        midwayExpected = Map.copyOf(expected);
      }
    }
    assertSame(m, expected);
    assertSame(midway, midwayExpected);
  }

  private static void assertSame(PersistentMap<Key, Integer> m, Map<Key, Integer> expected) {
    assertThat(m.size()).isEqualTo(expected.size());
    expected.forEach((k, v) -> assertThat(m.get(k)).contains(v));
    Map<Key, Integer> seen = new HashMap<>();
    m.forEach(seen::put);
    assertThat(seen).isEqualTo(expected);
    assertThat(m.get(new Key(7, -1))).isEmpty();
  }

  @Test
  void hashesDifferingOnlyInTheTopBitsSplitDeep() {
    Key a = new Key(0x4000_0000, 1);
    Key b = new Key(0x8000_0000, 2);
    PersistentMap<Key, String> m = PersistentMap.<Key, String>empty().with(a, "a").with(b, "b");
    assertThat(m.get(a)).contains("a");
    assertThat(m.get(b)).contains("b");
    assertThat(m.with(a, "a2").get(a)).contains("a2");
    assertThat(m.get(a)).contains("a");
  }
}
