package org.rmbt.ledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.store.FaultyLogStore;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.proto.Envelope;

/**
 * Under load a batch costs one sync, which also makes the previous batch's checkpoint durable. When
 * no batch follows, the last checkpoint is synced on its own, so no caller waits for a next batch.
 */
class PipelinedCheckpointTest {
  private static final int BATCH = 5;

  @TempDir Path dir;

  @Test
  void backToBackBatchesShareTheirSyncsWithTheirPredecessorsCheckpoint() throws Exception {
    FaultyLogStore store = new FaultyLogStore(RocksLogStore.open(dir));
    CountDownLatch release = new CountDownLatch(1);
    GatedPolicy policy = new GatedPolicy(new SignerKeyPolicy(TestLog.ring()), release);
    LedgerConfig wholeBatches = new LedgerConfig(BATCH, 60_000, 1000);
    try (Ledger ledger =
        Ledger.open(store, TestLog.signer(), policy, () -> TestLog.CLOCK_MILLIS, wholeBatches)) {
      int syncsBefore = store.syncs();
      int putsBefore = store.checkpointPuts();
      List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
      for (long n = 0; n < 3 * BATCH; n++) {
        futures.add(ledger.append(TestLog.envelope(n)));
      }
      // The sequencer is held inside the first batch until all three batches are queued.
      release.countDown();
      List<AppendResult> results = futures.stream().map(CompletableFuture::join).toList();

      // One sync per batch, the last one's checkpoint one more: not two per batch.
      assertThat(store.syncs() - syncsBefore).isEqualTo(4);
      assertThat(store.checkpointWrites()).isEqualTo(3);
      assertThat(store.checkpointPuts()).isEqualTo(putsBefore);
      for (AppendResult r : results) {
        long size = r.checkpoint().checkpoint().size();
        assertThat(size).isEqualTo((r.index() / BATCH + 1) * BATCH);
        assertThat(store.checkpoint(size))
            .hasValueSatisfying(c -> assertThat(c.note()).isEqualTo(r.checkpoint().note()));
        Proofs.verifyInclusion(
            r.index(), size, r.leafHash(), r.inclusionProof(), r.checkpoint().checkpoint().root());
      }
      assertThat(ledger.view().latestCheckpoint().checkpoint().size()).isEqualTo(3 * BATCH);
    }
  }

  /** Holds the sequencer in its first batch's admission until released. */
  private record GatedPolicy(EntryPolicy delegate, CountDownLatch release) implements EntryPolicy {
    @Override
    public void verifySignatures(Envelope env) throws MalformedException, VerificationException {
      delegate.verifySignatures(env);
    }

    @Override
    public Staging stage() {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return delegate.stage();
    }

    @Override
    public boolean replaysLog() {
      return delegate.replaysLog();
    }
  }
}
