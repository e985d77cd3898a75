package org.rmbt.ledger.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rmbt.ledger.core.store.SampleBatches.batch;
import static org.rmbt.ledger.core.store.SampleBatches.checkpoint;

import org.junit.jupiter.api.Test;

/**
 * The cosignature part of the {@link LogStore} contract: only for stored checkpoints, one line per
 * witness key and size, a stable order, and durable across a restart. Run through {@link
 * LogStoreContract}.
 */
public abstract class CosignatureContract extends CheckpointContract {
  static StoredCosignature cosig(long size, String witness, int keyId, String line) {
    return new StoredCosignature(size, witness, keyId, line.getBytes(UTF_8));
  }

  @Test
  void cosignaturesNeedAStoredCheckpoint() {
    LogStore store = store();
    assertThatThrownBy(() -> store.putCosignature(cosig(0, "w", 1, "a")))
        .isInstanceOf(StoreException.class);
    store.append(batch(0, 2));
    store.putCheckpoint(checkpoint(2), -1);
    assertThatThrownBy(() -> store.putCosignature(cosig(1, "w", 1, "a")))
        .isInstanceOf(StoreException.class);
    assertThat(store.cosignatures(1)).isEmpty();
    assertThat(store.cosignatures(2)).isEmpty();
    assertThat(store.cosignatures(-1)).isEmpty();
  }

  @Test
  void oneLinePerWitnessKeyInKeyIdThenNameOrder() {
    LogStore store = store();
    store.append(batch(0, 3));
    store.putCheckpoint(checkpoint(2), -1);
    store.putCheckpoint(checkpoint(3), 2);
    store.putCosignature(cosig(2, "b.example", 0xffff_0000, "high key id"));
    store.putCosignature(cosig(2, "b.example", 7, "b first"));
    store.putCosignature(cosig(2, "a.example", 7, "a"));
    store.putCosignature(cosig(2, "b.example", 7, "b again"));
    store.putCosignature(cosig(3, "a.example", 7, "at three"));
    assertThat(store.cosignatures(2))
        .containsExactly(
            cosig(2, "a.example", 7, "a"),
            cosig(2, "b.example", 7, "b again"),
            cosig(2, "b.example", 0xffff_0000, "high key id"));
    assertThat(store.cosignatures(3)).containsExactly(cosig(3, "a.example", 7, "at three"));
  }

  @Test
  void cosignaturesSurviveARestart() {
    LogStore store = store();
    store.append(batch(0, 1));
    store.putCheckpoint(checkpoint(1), -1);
    store.putCosignature(cosig(1, "witness.example", 42, "\u2014 witness.example AAAA\n"));
    LogStore again = restarted();
    assertThat(again.cosignatures(1))
        .containsExactly(cosig(1, "witness.example", 42, "\u2014 witness.example AAAA\n"));
  }
}
