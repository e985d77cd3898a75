package org.rmbt.ledger.bench;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.rmbt.ledger.core.checkpoint.KeyType;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.ledger.DurableAppends;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.node.config.ReplicaConfig;
import org.rmbt.ledger.node.grpc.LedgerServer;
import org.rmbt.ledger.node.replica.ReplicaNode;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * A replica catching up from zero with full re-verification: a primary node on a real RocksDB log
 * of signed entries (one Ed25519 signature each, as in the signed-appends rows) serves it over
 * loopback gRPC to a replica node started with an empty data directory. Timed from the replica's
 * start until it serves a checkpoint of the whole log, which it does only once every entry is
 * re-checked, stored durably and the primary's checkpoint accepted over its own tree.
 *
 * <p>Both nodes run in this process, so process CPU time includes the primary's serving.
 */
final class CatchUpBench {
  private static final double SHARE = 0.80;
  private static final VerifierKey SIGNER_KEY =
      VerifierKey.of("bench-signer", KeyType.ED25519, BenchEnvelopes.SIGNER.publicKey());

  /** Entries/s from start to the full checkpoint, and process CPU time per entry. */
  record Result(long entries, double rate, double cpuMicrosPerEntry, String threadCpu) {}

  private CatchUpBench() {}

  /** Builds an {@code n}-entry primary log in {@code work} (signed by {@code threads} callers). */
  static Path buildPrimary(Path work, int n, int threads) throws Exception {
    Path dir = work.resolve("catch-up-primary");
    try (Ledger ledger = DurableAppends.open(dir.resolve("log"), 1000)) {
      int step = 20_000;
      for (int first = 0; first < n; first += step) {
        int count = Math.min(step, n - first);
        DurableAppends.signed(
            ledger, BenchEnvelopes.signed(2_000_000_000L + first, count), threads);
      }
    }
    return dir;
  }

  /** Starts the primary on {@code primaryDir} and a fresh replica; times the catch-up. */
  static Result catchUp(Path primaryDir, Path replicaDir, long n) throws Exception {
    NodeConfig primary = config(primaryDir, DurableAppends.LOG_KEY.encode());
    NodeConfig replica = config(replicaDir, DurableAppends.LOG_KEY.verifierKey().encode());
    try (LedgerServer server = LedgerServer.start(primary)) {
      ReplicaConfig of =
          new ReplicaConfig(
              "127.0.0.1",
              server.port(),
              Optional.empty(),
              Duration.ofMillis(20),
              Duration.ofMillis(300));
      CpuTimes before = CpuTimes.now();
      long start = System.nanoTime();
      try (ReplicaNode node = ReplicaNode.start(replica, of)) {
        awaitCheckpoint(node.port(), n);
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuTimes after = CpuTimes.now();
        return new Result(
            n,
            n / seconds,
            (after.processNanos() - before.processNanos()) / 1e3 / n,
            after.perThreadSince(before));
      }
    }
  }

  private static NodeConfig config(Path dir, String logKey) throws Exception {
    Files.createDirectories(dir);
    Path keyFile = dir.resolve("log.key");
    Files.writeString(keyFile, logKey + "\n", StandardCharsets.UTF_8);
    return NodeConfig.local(dir.resolve("log"), keyFile, List.of(SIGNER_KEY), List.of());
  }

  private static void awaitCheckpoint(int port, long n) throws InterruptedException {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      var stub = LedgerServiceGrpc.newBlockingStub(channel);
      while (size(stub) < n) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
    } finally {
      channel.shutdownNow();
    }
  }

  private static long size(LedgerServiceGrpc.LedgerServiceBlockingStub stub) {
    try {
      return stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance()).getSize();
    } catch (StatusRuntimeException notYet) {
      return -1;
    }
  }

  /**
   * The table's row: an {@code n}-entry primary, two warm-up catch-ups, then the measured one; the
   * target is 80 % of {@code verifyRate} (each entry carries one signature to check).
   */
  static void row(Table table, Path work, int n, int threads, double verifyRate) throws Exception {
    System.err.println("[bench] replica catch-up: building a " + n + "-entry signed primary log");
    Path primary = buildPrimary(work, n, threads);
    System.err.println("[bench] replica catch-up from zero, two warm-up runs and the measured one");
    // C2 was still compiling ~20 µs per entry in a catch-up after one warm-up, ~11 after two.
    for (int w = 0; w < 2; w++) {
      catchUp(primary, work.resolve("catch-up-warm-up-" + w), n);
    }
    BenchMain.settle();
    Result r = catchUp(primary, work.resolve("catch-up-replica"), n);
    System.err.printf(
        "[bench] catch-up: %.1f µs process CPU per entry (both nodes)%n%s",
        r.cpuMicrosPerEntry(), r.threadCpu());
    double target = SHARE * verifyRate;
    table.row(
        "Replica catch-up from zero (full re-verification), " + n + " entries",
        Table.perSecond(r.rate())
            + String.format(Locale.ROOT, " (%.0f %% of verify)", 100 * r.rate() / verifyRate),
        "≥ 80 % of verify rate = " + Table.perSecond(target),
        r.rate() >= target);
  }

  /** Standalone: {@code CatchUpBench N [runs]}, with a hand-timed verify rate for reference. */
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int threads = Runtime.getRuntime().availableProcessors();
    Path work = Files.createTempDirectory("rmbt-catch-up");
    Path primary = buildPrimary(work, n, threads);
    for (int r = 0; r < runs; r++) {
      Result res = catchUp(primary, work.resolve("replica-" + r), n);
      double verify = verifyRate(threads, 3);
      System.out.printf(
          "run %d: %d entries, %.0f /s, %.1f µs process CPU/entry; verify right after: %.0f /s"
              + " (%.0f %%)%n%s%n",
          r,
          res.entries(),
          res.rate(),
          res.cpuMicrosPerEntry(),
          verify,
          100 * res.rate() / verify,
          res.threadCpu());
    }
  }

  /** Hand-timed Ed25519 verifications per second on {@code threads} threads, for comparison. */
  private static double verifyRate(int threads, int seconds) throws InterruptedException {
    Ed25519VerifyBench b = new Ed25519VerifyBench();
    b.setUp();
    java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> ts = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  b.verify();
                  done.incrementAndGet();
                }
              });
      ts.add(th);
      th.start();
    }
    for (Thread t : ts) {
      t.join();
    }
    return done.get() / (double) seconds;
  }
}
