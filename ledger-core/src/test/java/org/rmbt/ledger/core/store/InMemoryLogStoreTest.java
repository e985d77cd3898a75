package org.rmbt.ledger.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rmbt.ledger.core.store.SampleBatches.batch;
import static org.rmbt.ledger.core.store.SampleBatches.entry;
import static org.rmbt.ledger.core.store.SampleBatches.envelopeHash;
import static org.rmbt.ledger.core.store.SampleBatches.leafHash;
import static org.rmbt.ledger.core.store.SampleBatches.treeHash;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.merkle.StoredHash;

class InMemoryLogStoreTest extends LogStoreContract {
  @Override
  protected LogStore create(Path dir) {
    return new InMemoryLogStore();
  }

  @Override
  protected LogStore reopen(Path dir, LogStore closed) {
    return ((InMemoryLogStore) closed).reopened();
  }

  // The double's own checks on its callers, beyond the contract.

  @Test
  void indexingAHashTwiceIsACallerBug() {
    store.append(batch(0, 2));
    AppendBatch again =
        new AppendBatch(
            2, List.of(entry(2)), List.of(leafHash(0)), List.of(envelopeHash(2)), List.of());
    assertThatThrownBy(() -> store.append(again)).isInstanceOf(IllegalStateException.class);
    AppendBatch twiceInOne =
        new AppendBatch(
            2,
            List.of(entry(2), entry(3)),
            List.of(leafHash(2), leafHash(3)),
            List.of(envelopeHash(2), envelopeHash(2)),
            List.of());
    assertThatThrownBy(() -> store.append(twiceInOne)).isInstanceOf(IllegalStateException.class);
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void writingAStoredHashTwiceIsACallerBug() {
    store.append(batch(0, 2));
    AppendBatch rewrite =
        new AppendBatch(
            2,
            List.of(entry(2)),
            List.of(leafHash(2)),
            List.of(envelopeHash(2)),
            List.of(new StoredHash(1, treeHash(1))));
    assertThatThrownBy(() -> store.append(rewrite)).isInstanceOf(IllegalStateException.class);
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void reopeningAnOpenStoreIsACallerBug() {
    assertThatThrownBy(() -> ((InMemoryLogStore) store).reopened())
        .isInstanceOf(IllegalStateException.class);
  }
}
