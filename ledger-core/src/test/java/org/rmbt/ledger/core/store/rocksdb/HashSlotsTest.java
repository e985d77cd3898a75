package org.rmbt.ledger.core.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hash;

/** The backlog's flat hash table against a HashMap, and one writer with a concurrent reader. */
class HashSlotsTest {
  @Property(tries = 200)
  void actsAsAMapFromHashToIndex(
      @ForAll @IntRange(min = 1, max = 64) int expected,
      @ForAll @Size(max = 600) List<@IntRange(min = 0, max = 300) Integer> keys,
      @ForAll long seed) {
    // Keys drawn from a small pool, so some are put again with another index (the last wins);
    // tables start small, so they grow and probe past occupied slots.
    HashSlots slots = new HashSlots(expected);
    Map<Hash, Long> reference = new HashMap<>();
    Random random = new Random(seed);
    for (int k : keys) {
      long index = random.nextLong() & Long.MAX_VALUE >>> 1;
      slots.put(hash(k).bytes(), 0, index);
      reference.put(hash(k), index);
    }
    for (int k = 0; k <= 300; k++) {
      Long want = reference.get(hash(k));
      assertThat(slots.get(hash(k))).as("key %d", k).isEqualTo(want == null ? -1 : want);
    }
  }

  @Test
  void readerSeesEveryKeyWhosePutCompleted() throws Exception {
    int n = 200_000;
    HashSlots slots = new HashSlots(1_000); // grows many times while the reader reads
    AtomicInteger published = new AtomicInteger();
    AtomicReference<String> failure = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              Random random = new Random(7);
              while (published.get() < n && failure.get() == null) {
                int upTo = published.get();
                if (upTo == 0) {
                  continue;
                }
                int k = random.nextInt(upTo);
                long got = slots.get(hash(k));
                if (got != k) {
                  failure.set("key " + k + " (of " + upTo + " put) read as " + got);
                }
              }
            });
    reader.start();
    for (int k = 0; k < n; k++) {
      slots.put(hash(k).bytes(), 0, k);
      published.set(k + 1);
    }
    reader.join();
    assertThat(failure.get()).isNull();
    assertThat(slots.get(hash(n))).isEqualTo(-1);
  }

  /** A hash whose bytes depend on {@code k} everywhere, as SHA-256 output does. */
  private static Hash hash(int k) {
    byte[] b = new byte[Hash.SIZE];
    new Random(k * 0x9E3779B97F4A7C15L).nextBytes(b);
    return new Hash(b);
  }
}
