package org.rmbt.ledger.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rmbt.ledger.core.store.SampleBatches.batch;
import static org.rmbt.ledger.core.store.SampleBatches.checkpoint;

import org.junit.jupiter.api.Test;

/**
 * The checkpoint half of the {@link LogStore} contract: a compare-and-swap on the latest, sizes
 * only grow, one note per size, and never past the durable entries. Run through {@link
 * LogStoreContract}.
 */
public abstract class CheckpointContract {
  /** The store under test, open and empty when each test starts. */
  protected abstract LogStore store();

  /** Closes the store under test and opens it again on the same data, as after a restart. */
  protected abstract LogStore restarted();

  @Test
  void firstCheckpointExpectsNone() {
    LogStore store = store();
    store.putCheckpoint(checkpoint(0), -1);
    assertThat(store.latestCheckpoint()).contains(checkpoint(0));
    assertThat(store.checkpoint(0)).contains(checkpoint(0));
  }

  @Test
  void wrongExpectedSizeIsRefused() {
    LogStore store = store();
    store.append(batch(0, 5));
    assertThatThrownBy(() -> store.putCheckpoint(checkpoint(2), 0))
        .isInstanceOf(CheckpointConflictException.class);
    store.putCheckpoint(checkpoint(2), -1);
    assertThatThrownBy(() -> store.putCheckpoint(checkpoint(4), -1))
        .isInstanceOf(CheckpointConflictException.class);
    assertThatThrownBy(() -> store.putCheckpoint(checkpoint(4), 3))
        .isInstanceOf(CheckpointConflictException.class);
    assertThat(store.latestCheckpoint()).contains(checkpoint(2));
    assertThat(store.checkpoint(4)).isEmpty();
  }

  @Test
  void nonIncreasingSizeIsRefused() {
    LogStore store = store();
    store.append(batch(0, 5));
    store.putCheckpoint(checkpoint(3), -1);
    assertThatThrownBy(() -> store.putCheckpoint(checkpoint(2), 3))
        .isInstanceOf(CheckpointConflictException.class);
    assertThatThrownBy(() -> store.putCheckpoint(checkpoint(3), 3))
        .isInstanceOf(CheckpointConflictException.class);
    assertThat(store.latestCheckpoint()).contains(checkpoint(3));
    assertThat(store.checkpoint(2)).isEmpty();
  }

  @Test
  void sameSizeWithOtherBytesIsRefused() {
    LogStore store = store();
    store.append(batch(0, 5));
    store.putCheckpoint(checkpoint(3, "root A"), -1);
    assertThatThrownBy(() -> store.putCheckpoint(checkpoint(3, "root B"), 3))
        .isInstanceOf(CheckpointConflictException.class);
    assertThat(store.checkpoint(3)).contains(checkpoint(3, "root A"));
  }

  @Test
  void latestAfterSeveralIsTheLargest() {
    LogStore store = store();
    store.append(batch(0, 5));
    store.putCheckpoint(checkpoint(1), -1);
    store.putCheckpoint(checkpoint(2), 1);
    store.putCheckpoint(checkpoint(5), 2);
    assertThat(store.latestCheckpoint()).contains(checkpoint(5));
    assertThat(store.checkpoint(1)).contains(checkpoint(1));
    assertThat(store.checkpoint(2)).contains(checkpoint(2));
    assertThat(store.checkpoint(3)).isEmpty();
    assertThat(store.checkpoint(-1)).isEmpty();
  }

  @Test
  void checkpointPastTheDurableEntriesIsRefused() {
    LogStore store = store();
    store.append(batch(0, 2));
    assertThatThrownBy(() -> store.putCheckpoint(checkpoint(3), -1))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("3");
    assertThat(store.latestCheckpoint()).isEmpty();
    store.putCheckpoint(checkpoint(2), -1);
  }

  @Test
  void writtenBatchesAndCheckpointsAreSeenOnlyOnceSynced() {
    LogStore store = store();
    store.append(batch(0, 3));
    store.write(batch(3, 2));
    assertThat(store.size()).isEqualTo(3);
    assertThat(store.indexOf(SampleBatches.leafHash(3))).isEmpty();
    store.writeCheckpoint(checkpoint(3));
    assertThat(store.latestCheckpoint()).isEmpty();
    assertThat(store.checkpoint(3)).isEmpty();
    store.sync();
    assertThat(store.size()).isEqualTo(5);
    assertThat(store.indexOf(SampleBatches.leafHash(4))).hasValue(4);
    assertThat(store.latestCheckpoint()).contains(checkpoint(3));
    store.writeCheckpoint(checkpoint(5));
    store.sync();
    LogStore again = restarted();
    assertThat(again.size()).isEqualTo(5);
    assertThat(again.latestCheckpoint()).contains(checkpoint(5));
    assertThat(again.checkpoint(3)).contains(checkpoint(3));
  }

  @Test
  void writtenCheckpointCoversOnlyDurableEntriesAndGrows() {
    LogStore store = store();
    store.append(batch(0, 3));
    store.write(batch(3, 2));
    assertThatThrownBy(() -> store.writeCheckpoint(checkpoint(5)))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("5");
    store.writeCheckpoint(checkpoint(3));
    assertThatThrownBy(() -> store.writeCheckpoint(checkpoint(3, "other root")))
        .isInstanceOf(CheckpointConflictException.class);
    store.sync();
    assertThat(store.checkpoint(3)).contains(checkpoint(3));
    assertThatThrownBy(() -> store.writeCheckpoint(checkpoint(2)))
        .isInstanceOf(CheckpointConflictException.class);
    assertThat(store.latestCheckpoint()).contains(checkpoint(3));
  }

  @Test
  void aBatchFollowsWhatIsWrittenNotWhatIsSynced() {
    LogStore store = store();
    store.write(batch(0, 2));
    store.write(batch(2, 2));
    assertThatThrownBy(() -> store.write(batch(2, 1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("4");
    store.sync();
    assertThat(store.size()).isEqualTo(4);
  }
}
