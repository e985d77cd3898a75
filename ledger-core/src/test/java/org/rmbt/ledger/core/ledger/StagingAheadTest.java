package org.rmbt.ledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.store.FaultyLogStore;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.LedgerEntry;

/**
 * The sequencer stages a batch while the writer still writes the one before and the syncer syncs
 * the one before that, neither of which readers of the store see yet: duplicates of them, the tree
 * hashes they add and the policy state they reach must come from the staged batches themselves, and
 * so must the last entry about a subject.
 */
class StagingAheadTest {
  /** Two submissions a batch, however long the second takes to come. */
  private static final LedgerConfig PAIRS = new LedgerConfig(2, 60_000, 1000);

  /** The subject of every entry here, so each links to the one before it. */
  private static final String SUBJECT = "test:all";

  @TempDir Path dir;

  @Test
  void batchStagedWhileItsPredecessorIsUnwrittenSeesThatPredecessor() throws Exception {
    FaultyLogStore store = new FaultyLogStore(RocksLogStore.open(dir));
    CountingPolicy policy = new CountingPolicy(new SignerKeyPolicy(TestLog.ring()));
    try (Ledger ledger =
        Ledger.open(store, TestLog.signer(), policy, () -> TestLog.CLOCK_MILLIS, PAIRS)) {
      store.holdWrites();
      CompletableFuture<AppendResult> first = ledger.append(TestLog.envelope(0));
      ledger.append(TestLog.envelope(1));
      store.awaitHeldWrite();
      int lookupsBefore = store.indexLookups();
      CompletableFuture<AppendResult> again = ledger.append(TestLog.envelope(0));
      CompletableFuture<AppendResult> next = ledger.append(TestLog.envelope(2));
      while (store.indexLookups() == lookupsBefore) {
        Thread.onSpinWait(); // the second pair is being staged, the first is still unwritten
      }
      assertThat(store.size()).isZero();
      store.releaseWrites();

      assertDuplicateThenNew(first.join(), again, next, 2);
      assertThat(store.size()).isEqualTo(3);
      assertLinkedToPrevious(ledger, 2);
      TestLog.verify(store, ledger.view().latestCheckpoint());
    }
  }

  @Test
  void batchStagedWhileTwoBeforeItAreNotDurableSeesBoth() throws Exception {
    FaultyLogStore store = new FaultyLogStore(RocksLogStore.open(dir));
    CountingPolicy policy = new CountingPolicy(new SignerKeyPolicy(TestLog.ring()));
    try (Ledger ledger =
        Ledger.open(store, TestLog.signer(), policy, () -> TestLog.CLOCK_MILLIS, PAIRS)) {
      int lookupsBefore = store.indexLookups();
      store.holdSyncs();
      CompletableFuture<AppendResult> first = ledger.append(TestLog.envelope(0));
      ledger.append(TestLog.envelope(1));
      store.awaitHeldSync(); // batch A written, its sync held
      ledger.append(TestLog.envelope(2));
      ledger.append(TestLog.envelope(3)); // batch B: written, waits for the syncer
      CompletableFuture<AppendResult> again = ledger.append(TestLog.envelope(0));
      CompletableFuture<AppendResult> next = ledger.append(TestLog.envelope(4));
      while (store.indexLookups() < lookupsBefore + 3) {
        Thread.onSpinWait(); // batch C is being staged over A and B, neither durable
      }
      assertThat(store.size()).isZero();
      store.releaseSyncs();

      assertDuplicateThenNew(first.join(), again, next, 4);
      assertLinkedToPrevious(ledger, 4);
      TestLog.verify(store, ledger.view().latestCheckpoint());
    }
  }

  /** The first envelope again is answered as entry 0, the new one as {@code index}; all proven. */
  private static void assertDuplicateThenNew(
      AppendResult first,
      CompletableFuture<AppendResult> again,
      CompletableFuture<AppendResult> next,
      long index)
      throws Exception {
    AppendResult dup = again.join();
    assertThat(dup.duplicate()).isTrue();
    assertThat(dup.index()).isZero();
    assertThat(dup.leafHash()).isEqualTo(first.leafHash());
    AppendResult added = next.join();
    assertThat(added.duplicate()).isFalse();
    assertThat(added.index()).isEqualTo(index);
    for (AppendResult r : List.of(first, dup, added)) {
      Proofs.verifyInclusion(
          r.index(),
          r.checkpoint().checkpoint().size(),
          r.leafHash(),
          r.inclusionProof(),
          r.checkpoint().checkpoint().root());
    }
  }

  /** Entry {@code index} links its subject to the entry just before it. */
  private static void assertLinkedToPrevious(Ledger ledger, long index) throws Exception {
    LedgerEntry entry = EntryCodec.decodeEntry(ledger.view().entries(index, 1).get(0));
    Hash linked = Hash.decode("prev", entry.getSubjectLinks(0).getPrevLeafHash().toByteArray());
    assertThat(linked).isEqualTo(Hashing.leaf(ledger.view().entries(index - 1, 1).get(0)));
  }

  /**
   * Admits entry n only if its state has counted n entries before it: a batch staged from the
   * committed state instead of its predecessor's would be refused.
   */
  private static final class CountingPolicy implements EntryPolicy {
    private final EntryPolicy signatures;
    private volatile long committed;

    CountingPolicy(EntryPolicy signatures) {
      this.signatures = signatures;
    }

    @Override
    public void verifySignatures(Envelope env) throws MalformedException, VerificationException {
      signatures.verifySignatures(env);
    }

    @Override
    public Staging stage() {
      return new Counting(committed);
    }

    @Override
    public boolean replaysLog() {
      return false;
    }

    private final class Counting implements Staging {
      private long count;

      Counting(long start) {
        this.count = start;
      }

      @Override
      public List<String> admit(long index, Envelope env, long integratedAt)
          throws VerificationException {
        if (index != count) {
          throw new VerificationException("state counts " + count + ", entry is " + index);
        }
        return List.of(SUBJECT);
      }

      @Override
      public void applied(long index, Hash leafHash) {
        count++;
      }

      @Override
      public void commit() {
        committed = count;
      }

      @Override
      public Staging next() {
        return new Counting(count);
      }
    }
  }
}
