package org.rmbt.ledger.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rmbt.ledger.core.store.SampleBatches.batch;
import static org.rmbt.ledger.core.store.SampleBatches.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rmbt.ledger.core.store.FaultyLogStore.Fault;
import org.rmbt.ledger.core.store.FaultyLogStore.InjectedFault;

class FaultyLogStoreTest {
  private final InMemoryLogStore inner = new InMemoryLogStore();
  private final FaultyLogStore store = new FaultyLogStore(inner);

  /**
   * One append or checkpoint per fault: the caller always sees the fault; the store keeps the write
   * only if it was synced (an append's sync ran, or a checkpoint put got past its fault).
   */
  @ParameterizedTest
  @CsvSource({
    "FAIL_BEFORE_WRITE,      false",
    "FAIL_AFTER_WRITE,       false",
    "FAIL_BEFORE_SYNC,       false",
    "FAIL_AFTER_SYNC,        true",
    "FAIL_BEFORE_CHECKPOINT, false",
    "FAIL_AFTER_CHECKPOINT,  true"
  })
  void faultFailsTheCallAndPersistsOnlyAfter(Fault fault, boolean persisted) {
    store.append(batch(0, 2));
    store.failNext(fault);
    boolean append = fault != Fault.FAIL_BEFORE_CHECKPOINT && fault != Fault.FAIL_AFTER_CHECKPOINT;
    Runnable write =
        append ? () -> store.append(batch(2, 1)) : () -> store.putCheckpoint(checkpoint(2), -1);

    assertThatThrownBy(write::run)
        .isInstanceOfSatisfying(InjectedFault.class, e -> assertThat(e.fault()).isEqualTo(fault))
        .isInstanceOf(StoreException.class);
    assertThat(store.isArmed(fault)).isFalse();

    store.close();
    LogStore restarted = inner.reopened();
    if (append) {
      assertThat(restarted.size()).isEqualTo(persisted ? 3 : 2);
    } else {
      assertThat(restarted.latestCheckpoint().isPresent()).isEqualTo(persisted);
    }
  }

  @Test
  void faultFiresOnceThenWritesPassThrough() {
    store.failNext(Fault.FAIL_BEFORE_WRITE);
    assertThatThrownBy(() -> store.append(batch(0, 1))).isInstanceOf(InjectedFault.class);
    store.append(batch(0, 1));
    assertThat(inner.size()).isEqualTo(1);
  }

  @Test
  void faultWaitsForItsOwnKindOfWrite() {
    store.failNext(Fault.FAIL_AFTER_CHECKPOINT);
    store.append(batch(0, 1));
    assertThat(store.isArmed(Fault.FAIL_AFTER_CHECKPOINT)).isTrue();
    assertThatThrownBy(() -> store.putCheckpoint(checkpoint(1), -1))
        .isInstanceOf(InjectedFault.class);
    assertThat(store.latestCheckpoint()).contains(checkpoint(1));
  }

  @Test
  void afterFaultStaysArmedWhenTheWrappedStoreRefuses() {
    store.failNext(Fault.FAIL_AFTER_WRITE);
    assertThatThrownBy(() -> store.append(batch(1, 1)))
        .isInstanceOf(StoreException.class)
        .isNotInstanceOf(InjectedFault.class);
    assertThat(store.isArmed(Fault.FAIL_AFTER_WRITE)).isTrue();
  }
}
