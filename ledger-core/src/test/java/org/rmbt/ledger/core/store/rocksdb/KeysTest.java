package org.rmbt.ledger.core.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.store.StoreException;

class KeysTest {
  private static final long[] SAMPLES = {0, 1, 255, 256, 65_535, 1L << 32, Long.MAX_VALUE};

  @Test
  void decodeInvertsOf() {
    for (long v : SAMPLES) {
      assertThat(Keys.decode("v", Keys.of(v))).isEqualTo(v);
    }
  }

  /** RocksDB's default comparator is bytewise: it must agree with numeric order. */
  @Test
  void bytewiseOrderIsNumericOrder() {
    for (int i = 1; i < SAMPLES.length; i++) {
      assertThat(Arrays.compareUnsigned(Keys.of(SAMPLES[i - 1]), Keys.of(SAMPLES[i]))).isNegative();
    }
  }

  @Test
  void decodeRefusesWrongLengthAndNegative() {
    assertThatThrownBy(() -> Keys.decode("v", new byte[7])).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> Keys.decode("v", new byte[9])).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> Keys.decode("v", Keys.of(-1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("negative");
  }
}
