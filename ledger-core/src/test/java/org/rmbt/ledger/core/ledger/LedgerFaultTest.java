package org.rmbt.ledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.store.FaultyLogStore;
import org.rmbt.ledger.core.store.FaultyLogStore.Fault;
import org.rmbt.ledger.core.store.FaultyLogStore.InjectedFault;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.StoredCheckpoint;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;

/**
 * A storage fault at each durability step of a batch, on a real RocksDB store: the batch's callers
 * fail, the ledger freezes, and a reopen recovers a log that verifies, keeps every acknowledged
 * entry, holds the failed batch whole or not at all, and never signs two roots for one size.
 */
class LedgerFaultTest {
  private static final int BATCH = 5;

  /**
   * Batches of exactly {@link #BATCH}: the sequencer waits (long) for a full batch, so the armed
   * fault hits exactly the batch under test.
   */
  private static final LedgerConfig WHOLE_BATCHES = new LedgerConfig(BATCH, 60_000, 1000);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Fault.class)
  void faultLeavesARecoverableLog(Fault fault) throws Exception {
    List<AppendResult> acked;
    Map<Long, byte[]> signedBefore;
    FaultyLogStore faulty = new FaultyLogStore(RocksLogStore.open(dir));
    try (Ledger ledger = TestLog.open(faulty, WHOLE_BATCHES)) {
      acked = joinAll(submit(ledger, 0, 2 * BATCH));
      SignedCheckpoint before = ledger.view().latestCheckpoint();
      faulty.failNext(fault);
      for (CompletableFuture<AppendResult> f : submit(ledger, 2 * BATCH, 3 * BATCH)) {
        assertThatThrownBy(f::join)
            .isInstanceOf(CompletionException.class)
            .hasCauseInstanceOf(InjectedFault.class);
      }
      assertThat(faulty.isArmed(fault)).isFalse();
      assertThatThrownBy(() -> ledger.append(TestLog.envelope(99)))
          .isInstanceOf(LedgerFrozenException.class);
      // Readers keep the last checkpoint that was published before the fault.
      assertThat(ledger.view().latestCheckpoint().note()).isEqualTo(before.note());
      signedBefore = storedCheckpoints(faulty);
    }
    boolean batchDurable = fault != Fault.FAIL_BEFORE_WRITE;
    try (Ledger ledger = TestLog.open(RocksLogStore.open(dir), WHOLE_BATCHES)) {
      checkRecovered(ledger, acked, batchDurable ? 3 * BATCH : 2 * BATCH);
      assertNoCheckpointChanged(ledger, signedBefore);
      checkFailedBatch(ledger, batchDurable);
      resubmitAndContinue(ledger, batchDurable);
    }
    try (RocksLogStore store = RocksLogStore.open(dir)) {
      assertEveryCheckpointIsAPrefixRoot(store);
    }
  }

  private static List<CompletableFuture<AppendResult>> submit(Ledger ledger, long from, long to)
      throws Exception {
    List<CompletableFuture<AppendResult>> out = new ArrayList<>();
    for (long n = from; n < to; n++) {
      out.add(ledger.append(TestLog.envelope(n)));
    }
    return out;
  }

  private static List<AppendResult> joinAll(List<CompletableFuture<AppendResult>> futures) {
    return futures.stream().map(CompletableFuture::join).toList();
  }

  private static Map<Long, byte[]> storedCheckpoints(LogStore store) {
    Map<Long, byte[]> out = new HashMap<>();
    for (long size = 0; size <= store.size(); size++) {
      long s = size;
      store.checkpoint(size).ifPresent(c -> out.put(s, c.note()));
    }
    return out;
  }

  private static void checkRecovered(Ledger ledger, List<AppendResult> acked, long size)
      throws Exception {
    SignedCheckpoint latest = ledger.view().latestCheckpoint();
    assertThat(latest.checkpoint().size()).isEqualTo(size);
    for (AppendResult r : acked) {
      byte[] entry = ledger.view().entries(r.index(), 1).get(0);
      assertThat(Hashing.leaf(entry)).isEqualTo(r.leafHash());
      assertThat(ledger.view().indexOf(r.leafHash())).hasValue(r.index());
      Proofs.verifyInclusion(
          r.index(),
          size,
          r.leafHash(),
          ledger.view().inclusionProof(r.index(), size),
          latest.checkpoint().root());
      // The checkpoint each caller got is still the one stored for its size.
      assertThat(ledger.view().checkpoint(r.checkpoint().checkpoint().size()))
          .hasValueSatisfying(c -> assertThat(c.note()).isEqualTo(r.checkpoint().note()));
    }
  }

  private static void assertNoCheckpointChanged(Ledger ledger, Map<Long, byte[]> before) {
    assertThat(before).isNotEmpty();
    before.forEach(
        (size, note) ->
            assertThat(ledger.view().checkpoint(size))
                .as("checkpoint at size %d", size)
                .hasValueSatisfying(c -> assertThat(c.note()).isEqualTo(note)));
  }

  /** The failed batch is all there (at its indexes) or not there at all. */
  private static void checkFailedBatch(Ledger ledger, boolean durable) {
    for (long n = 2 * BATCH; n < 3 * BATCH; n++) {
      OptionalLong index = ledger.view().indexOf(Hashing.sha256(TestLog.envelope(n)));
      if (durable) {
        assertThat(index).hasValue(n);
      } else {
        assertThat(index).isEmpty();
      }
    }
  }

  /** Re-submitting the failed envelopes finds them, or logs them now; appends then go on. */
  private static void resubmitAndContinue(Ledger ledger, boolean durable) throws Exception {
    SignedCheckpoint recovered = ledger.view().latestCheckpoint();
    List<AppendResult> again = joinAll(submit(ledger, 2 * BATCH, 3 * BATCH));
    for (int i = 0; i < BATCH; i++) {
      assertThat(again.get(i).index()).isEqualTo(2 * BATCH + i);
      assertThat(again.get(i).duplicate()).isEqualTo(durable);
    }
    List<AppendResult> more = joinAll(submit(ledger, 3 * BATCH, 4 * BATCH));
    assertThat(more).extracting(AppendResult::index).containsExactly(15L, 16L, 17L, 18L, 19L);
    SignedCheckpoint latest = ledger.view().latestCheckpoint();
    assertThat(latest.checkpoint().size()).isEqualTo(4 * BATCH);
    Proofs.verifyConsistency(
        recovered.checkpoint().size(),
        latest.checkpoint().size(),
        ledger.view().consistencyProof(recovered.checkpoint().size(), latest.checkpoint().size()),
        recovered.checkpoint().root(),
        latest.checkpoint().root());
  }

  /** Re-hashes the log up to every size the log ever signed: one root per size, on one chain. */
  private static void assertEveryCheckpointIsAPrefixRoot(LogStore store) throws Exception {
    LogSigner signer = TestLog.signer();
    int checked = 0;
    for (long size = 0; size <= store.size(); size++) {
      for (StoredCheckpoint stored : store.checkpoint(size).stream().toList()) {
        TestLog.verify(store, signer.open(stored.note()));
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }
}
