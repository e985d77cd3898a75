package org.rmbt.ledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.record.SignerKeyRing;
import org.rmbt.ledger.core.store.InMemoryLogStore;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.core.testing.DemoEnvelopes;
import org.rmbt.ledger.core.verify.LogVerifier;

class LedgerTest {
  static final SignerKey LOG_KEY = SignerKey.of("test.example/log", DemoEnvelopes.key(1));
  static final Ed25519PrivateKey SIGNER = DemoEnvelopes.key(2);
  static final SignerKeyRing SIGNERS = SignerKeyRing.of(List.of(SIGNER.publicKey()));

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

  Ledger open(LogStore store, LedgerConfig config) {
    return Ledger.open(store, new LogSigner(LOG_KEY), SIGNERS, clock::incrementAndGet, config);
  }

  @Test
  void emptyLogHasSignedEmptyCheckpoint() {
    try (Ledger l = open(new InMemoryLogStore(), LedgerConfig.DEFAULT)) {
      Checkpoint cp = l.view().latestCheckpoint().checkpoint();
      assertThat(cp.size()).isZero();
      assertThat(cp.root()).isEqualTo(Hashing.emptyRoot());
      assertThat(cp.origin()).isEqualTo("test.example/log");
    }
  }

  @Test
  void appendAnswersWithIndexCheckpointAndVerifiableProof() throws Exception {
    try (Ledger l = open(new InMemoryLogStore(), LedgerConfig.DEFAULT)) {
      AppendResult r = l.append(DemoEnvelopes.envelope(SIGNER, 1)).get();
      assertThat(r.index()).isZero();
      assertThat(r.duplicate()).isFalse();
      Checkpoint cp = r.checkpoint().checkpoint();
      assertThat(cp.size()).isEqualTo(1);
      byte[] entry = l.view().entries(0, 1).get(0);
      assertThat(Hashing.leaf(entry)).isEqualTo(r.leafHash());
      Proofs.verifyInclusion(0, 1, r.leafHash(), r.inclusionProof(), cp.root());
      SignedCheckpoint.open(r.checkpoint().note(), LOG_KEY.name(), LOG_KEY.verifierKey());
    }
  }

  @Test
  void concurrentAppendsGetDistinctIndexesAndEveryProofVerifies() throws Exception {
    int threads = 4;
    int perThread = 250;
    try (Ledger l = open(new InMemoryLogStore(), new LedgerConfig(64, 1, 10_000))) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<List<AppendResult>>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        work.add(pool.submit(() -> appendRange(l, base, base + perThread)));
      }
      Set<Long> indexes = new HashSet<>();
      for (Future<List<AppendResult>> f : work) {
        for (AppendResult r : f.get()) {
          assertThat(indexes.add(r.index())).isTrue();
          Checkpoint cp = r.checkpoint().checkpoint();
          Proofs.verifyInclusion(r.index(), cp.size(), r.leafHash(), r.inclusionProof(), cp.root());
        }
      }
      pool.shutdown();
      assertThat(indexes).hasSize(threads * perThread);
      Checkpoint last = l.view().latestCheckpoint().checkpoint();
      assertThat(last.size()).isEqualTo(threads * perThread);
    }
  }

  private static List<AppendResult> appendRange(Ledger l, int from, int to) throws Exception {
    List<CompletableFuture<AppendResult>> fs = new ArrayList<>();
    for (int i = from; i < to; i++) {
      fs.add(l.append(DemoEnvelopes.envelope(SIGNER, i)));
    }
    List<AppendResult> out = new ArrayList<>();
    for (CompletableFuture<AppendResult> f : fs) {
      out.add(f.get());
    }
    return out;
  }

  @Test
  void resubmittedEnvelopeReturnsTheExistingEntry() throws Exception {
    try (Ledger l = open(new InMemoryLogStore(), LedgerConfig.DEFAULT)) {
      byte[] env = DemoEnvelopes.envelope(SIGNER, 7);
      AppendResult first = l.append(env).get();
      l.append(DemoEnvelopes.envelope(SIGNER, 8)).get();
      AppendResult again = l.append(env).get();
      assertThat(again.duplicate()).isTrue();
      assertThat(again.index()).isEqualTo(first.index());
      assertThat(again.leafHash()).isEqualTo(first.leafHash());
      assertThat(l.view().latestCheckpoint().checkpoint().size()).isEqualTo(2);
      Checkpoint cp = again.checkpoint().checkpoint();
      Proofs.verifyInclusion(
          again.index(), cp.size(), again.leafHash(), again.inclusionProof(), cp.root());
    }
  }

  @Test
  void sameEnvelopeTwiceInOneBatchIsLoggedOnce() throws Exception {
    try (Ledger l = open(new InMemoryLogStore(), new LedgerConfig(100, 50, 1000))) {
      byte[] env = DemoEnvelopes.envelope(SIGNER, 9);
      CompletableFuture<AppendResult> a = l.append(env);
      CompletableFuture<AppendResult> b = l.append(env);
      assertThat(a.get().index()).isEqualTo(b.get().index());
      assertThat(a.get().duplicate() ^ b.get().duplicate()).isTrue();
      assertThat(l.view().latestCheckpoint().checkpoint().size()).isEqualTo(1);
    }
  }

  @Test
  void reopenKeepsEverythingAndAppendsContinueTheChain(@TempDir Path dir) throws Exception {
    SignedCheckpoint before;
    try (Ledger l = open(RocksLogStore.open(dir), LedgerConfig.DEFAULT)) {
      appendRange(l, 0, 50);
      before = l.view().latestCheckpoint();
    }
    try (Ledger l = open(RocksLogStore.open(dir), LedgerConfig.DEFAULT)) {
      assertThat(l.view().latestCheckpoint().note()).isEqualTo(before.note());
      AppendResult r = l.append(DemoEnvelopes.envelope(SIGNER, 50)).get();
      assertThat(r.index()).isEqualTo(50);
      Checkpoint cp = l.view().latestCheckpoint().checkpoint();
      List<org.rmbt.ledger.core.hash.Hash> proof = l.view().consistencyProof(50, 51);
      Proofs.verifyConsistency(50, 51, proof, before.checkpoint().root(), cp.root());
    }
    try (RocksLogStore store = RocksLogStore.open(dir)) {
      Checkpoint cp =
          SignedCheckpoint.open(
                  store.latestCheckpoint().orElseThrow().note(),
                  LOG_KEY.name(),
                  LOG_KEY.verifierKey())
              .checkpoint();
      assertThat(LogVerifier.verify(store, cp, n -> {})).isEqualTo(51);
    }
  }

  @Test
  void viewRefusesRangesOutsideTheLog() throws Exception {
    try (Ledger l = open(new InMemoryLogStore(), LedgerConfig.DEFAULT)) {
      appendRange(l, 0, 3);
      assertThatThrownBy(() -> l.view().entries(2, 2)).hasMessageContaining("range");
      assertThatThrownBy(() -> l.view().inclusionProof(3, 3)).hasMessageContaining("index");
      assertThatThrownBy(() -> l.view().inclusionProof(0, 4)).hasMessageContaining("size");
      assertThatThrownBy(() -> l.view().consistencyProof(0, 3)).hasMessageContaining("size1");
      assertThat(l.view().checkpoint(4)).isEmpty();
      assertThat(l.view().checkpoint(3)).isPresent();
    }
  }
}
