package org.rmbt.ledger.node.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.node.replica.ReplicaBench.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.core.ledger.LedgerConfig;
import org.rmbt.ledger.core.ledger.LogSigner;
import org.rmbt.ledger.core.record.Dsse;
import org.rmbt.ledger.core.record.SignerKeyRing;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.node.config.NodeConfigCodec;
import org.rmbt.ledger.node.config.ReplicaConfigCodec;
import org.rmbt.ledger.node.grpc.LedgerServer;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/** Catch-up from zero over gRPC, timed against the machine's Ed25519 verify rate (all cores). */
class CatchUpRateTest {
  static final int N = 20_000;
  @TempDir Path dir;

  @Test
  void catchUpFromZeroAndReportRate() throws Exception {
    Path p = dir.resolve("p");
    try (Ledger l =
        Ledger.open(
            RocksLogStore.open(primaryConfig(p, 0).dataDir()),
            new LogSigner(LOG_KEY),
            SignerKeyRing.of(List.of(SIGNER.publicKey())),
            System::currentTimeMillis,
            LedgerConfig.DEFAULT)) {
      var futures = IntStream.range(0, N).mapToObj(i -> append(l, i)).toList();
      for (var f : futures) {
        f.get();
      }
    }
    try (LedgerServer primary = LedgerServer.start(primaryConfig(p, 0))) {
      long start = System.nanoTime();
      Path d = dir.resolve("r");
      try (ReplicaNode r =
          ReplicaNode.start(replicaConfig(d), replicaOf(primary.port(), d, Optional.empty()))) {
        var stub = LedgerServiceGrpc.newBlockingStub(channel(r.port()));
        await(
            "caught up",
            java.time.Duration.ofSeconds(120),
            () -> {
              try {
                return stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance()).getSize() == N;
              } catch (RuntimeException e) {
                return false;
              }
            });
        double rate = N / ((System.nanoTime() - start) / 1e9);
        double verify = verifyRate();
        System.out.printf(
            "catch-up: %d entries, %.0f entries/s; Ed25519 verify on %d cores: %.0f/s (%.0f%%)%n",
            N, rate, Runtime.getRuntime().availableProcessors(), verify, 100 * rate / verify);
        assertThat(rate).isPositive();
      }
    }
  }

  @Test
  void configKeysMakeAReplica() throws Exception {
    Map<String, List<String>> v =
        NodeConfigCodec.parse("data_dir = d\nlog_key_file = k\nreplica_of = 127.0.0.1:7443\n");
    assertThat(ReplicaConfigCodec.decode(v, dir).orElseThrow().port()).isEqualTo(7443);
    for (String bad : List.of("host", "host:0", "host:+5", "host:65536", ":7443")) {
      Map<String, List<String>> b = NodeConfigCodec.parse("replica_of = " + bad + "\n");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReplicaConfigCodec.decode(b, dir))
          .hasMessageContaining("replica_of");
    }
  }

  private static java.util.concurrent.CompletableFuture<?> append(Ledger l, int i) {
    try {
      return l.append(envelope(i));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** One DSSE signature check per entry, on every core for two seconds. */
  private static double verifyRate() {
    Ed25519PublicKey key = SIGNER.publicKey();
    byte[] pae = Dsse.pae("application/vnd.rmbt.test+json", new byte[64]);
    byte[] sig = SIGNER.sign(pae);
    AtomicLong n = new AtomicLong();
    long end = System.nanoTime() + 2_000_000_000L;
    long start = System.nanoTime();
    IntStream.range(0, Runtime.getRuntime().availableProcessors())
        .parallel()
        .forEach(
            t -> {
              while (System.nanoTime() < end) {
                key.verify(pae, sig);
                n.incrementAndGet();
              }
            });
    return n.get() / ((System.nanoTime() - start) / 1e9);
  }
}
