package org.rmbt.ledger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.ledger.DurableAppends;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.core.verify.LogVerifier;

/**
 * Runs every core benchmark and prints one Markdown table (also written to the file named by the
 * first argument). Progress goes to stderr so stdout is only the table. Each part (signed appends,
 * catch-up, unsigned appends, the big log) runs in a JVM of its own ({@link ForkedPart}), as JMH
 * forks its own runs.
 *
 * <p>System properties: {@code bench.logSize} (entries in the big log, default 1,000,000) and
 * {@code bench.scale} (multiplies the append counts; below 1 for quick runs while developing).
 */
public final class BenchMain {
  private static final int[] BATCHES = {1, 100, 1000};
  private static final double SIGNED_SHARE = 0.70;

  /**
   * Signed envelopes arrive at the callers' verify rate, so with no wait a batch holds what came
   * during the previous write (~10-30 here), and each batch's fixed cost (a synced write costs ~0.3
   * ms of CPU on this VM, plus a checkpoint signature) is paid 30 times as often as at 1000. The
   * node's {@code ledger.max_batch_delay_millis}.
   */
  private static final long SIGNED_BATCH_DELAY_MS = 20;

  private static final double UNSIGNED_TARGET = 100_000;
  private static final double PROOF_TARGET_US = 1000;
  private static final double VERIFY_LOG_TARGET = 1_000_000;

  private final int threads = Runtime.getRuntime().availableProcessors();
  private final long logSize = Long.getLong("bench.logSize", 1_000_000);
  private final double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
  private final Table table = new Table();
  private final Path work;

  private BenchMain(Path work) {
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    if (ForkedPart.isChild(args)) {
      BenchMain child = new BenchMain(Path.of(args[3]));
      child.part(args[1], Double.parseDouble(args[2]));
      Files.write(Path.of(args[4]), child.table.rows(), StandardCharsets.UTF_8);
      return;
    }
    Path work = Files.createTempDirectory("rmbt-bench");
    try {
      String md = new BenchMain(work).run();
      System.out.print(md);
      if (args.length > 0) {
        Files.writeString(Path.of(args[0]), md, StandardCharsets.UTF_8);
      }
    } finally {
      deleteTree(work);
    }
  }

  private static final List<String> PARTS = List.of("signed", "catch-up", "unsigned", "log");

  private String run() throws Exception {
    progress("Ed25519 verify, " + threads + " threads (JMH)");
    double verifyRate = JmhRuns.verifyRate(threads);
    table.row(
        "Ed25519 verify (Bouncy Castle), " + threads + " threads", Table.perSecond(verifyRate));
    for (String part : PARTS) {
      table.addRows(ForkedPart.run(part, verifyRate, work));
    }
    return table.markdown();
  }

  /** One of {@link #PARTS}, into this JVM's table. */
  private void part(String name, double verifyRate) throws Exception {
    switch (name) {
      case "signed" -> {
        for (int batch : BATCHES) {
          signedAppends(batch, verifyRate);
        }
      }
      case "catch-up" -> CatchUpBench.row(table, work, count(100_000), threads, verifyRate);
      case "unsigned" -> {
        for (int batch : BATCHES) {
          unsignedAppends(batch);
        }
      }
      case "log" -> bigLog();
      default -> throw new IllegalArgumentException("no benchmark part " + name);
    }
  }

  private void bigLog() throws Exception {
    Path log = work.resolve("log-1m");
    buildLog(log);
    progress("inclusion proofs at " + logSize + " entries (JMH)");
    double[] proof = JmhRuns.proofMicros(log.toString());
    table.row(
        "Inclusion proof at " + logSize + " entries (p50 / avg)",
        Table.micros(proof[0]) + " / " + Table.micros(proof[1]),
        "< 1 ms",
        proof[0] < PROOF_TARGET_US && proof[1] < PROOF_TARGET_US);
    verifyLog(log);
  }

  private void signedAppends(int batch, double verifyRate) throws Exception {
    int count = count(batch == 1 ? 400 : batch == 100 ? 20_000 : 60_000);
    progress("signed appends, batch " + batch + ": signing " + count + " envelopes");
    // Long enough for C2 to compile the verify and append paths: the per-batch methods (staging,
    // the write, the checkpoint signature) run once per ~300 entries here. 2,000 left ~20 µs of
    // compilation per timed entry, 20,000 left 22-36, 60,000 left 11-15.
    List<byte[]> warm = BenchEnvelopes.signed(0, Math.min(count, 60_000));
    List<byte[]> envs = BenchEnvelopes.signed(1_000_000_000L, count);
    double rate;
    try (Ledger ledger =
        DurableAppends.open(work.resolve("signed-" + batch), batch, SIGNED_BATCH_DELAY_MS)) {
      DurableAppends.signed(ledger, warm, threads);
      settle();
      rate = DurableAppends.signed(ledger, envs, threads);
    }
    String what =
        "Durable appends, signed ("
            + threads
            + " callers verify), batch "
            + batch
            + (batch > 1 ? " (≤ " + SIGNED_BATCH_DELAY_MS + " ms to fill)" : "");
    if (batch == 1000) {
      double target = SIGNED_SHARE * verifyRate;
      table.row(
          what,
          Table.perSecond(rate) + String.format(" (%.0f %% of verify)", 100 * rate / verifyRate),
          "≥ 70 % of verify rate = " + Table.perSecond(target),
          rate >= target);
    } else {
      table.row(what, Table.perSecond(rate));
    }
  }

  private void unsignedAppends(int batch) {
    // Batch 1000: 800,000 timed entries (the log's entries 400,000-1,200,000), so that the timed
    // run holds a leaf_index compaction (every 12 ingests, ~786,000 entries), not just ingests.
    int count = count(batch == 1 ? 400 : batch == 100 ? 50_000 : 800_000);
    progress("unsigned appends, batch " + batch + ": " + count);
    double rate;
    try (Ledger ledger = DurableAppends.open(work.resolve("unsigned-" + batch), batch)) {
      // Ten batches in flight keep the sequencer's batches full; holding every submission of the
      // run in flight (200,000) only made the GC copy them (GC ~6 -> ~4 µs per entry).
      int window = Math.max(10, 10 * batch);
      // C2 compiles the per-batch and per-ingest methods (staging, integration, answers, the leaf
      // index's sort and filter) only after a few hundred batches: after 200,000 warm-up entries
      // it still took 2.9-5.1 µs of compiler CPU per entry of the next 200,000 (harness, three
      // runs), 0.8-1.2 after 400,000. A node runs for days; the row is its steady state.
      DurableAppends.unsigned(ledger, 0, Math.min(count, 400_000), window);
      DurableAppends.Unsigned timed = DurableAppends.Unsigned.prepare(1_000_000_000L, count);
      settle();
      CpuTimes before = CpuTimes.now();
      rate = DurableAppends.unsigned(ledger, timed, window);
      CpuTimes after = CpuTimes.now();
      System.err.printf(
          "[bench] unsigned batch %d: %.1f µs process CPU per entry; per thread:%n%s",
          batch,
          (after.processNanos() - before.processNanos()) / 1e3 / count,
          after.perThreadSince(before));
    }
    String what = "Durable appends, unsigned (pre-validated), batch " + batch;
    if (batch == 1000) {
      table.row(what, Table.perSecond(rate), "≥ 100,000 /s", rate >= UNSIGNED_TARGET);
    } else {
      table.row(what, Table.perSecond(rate));
    }
  }

  /** The big log: pre-validated appends in batches of 1000, 50,000 in flight at a time. */
  private void buildLog(Path dir) {
    progress("building a " + logSize + "-entry log");
    double rate;
    try (Ledger ledger = DurableAppends.open(dir, 1000)) {
      rate = DurableAppends.unsigned(ledger, 0, Math.toIntExact(logSize), 50_000);
    }
    // A log at rest: proofs and verification below should not compete with the compactions the
    // build left pending (they resume when the store is reopened).
    try (RocksLogStore store = RocksLogStore.open(dir)) {
      store.compact();
    }
    table.row(
        "Building the " + logSize + "-entry log (unsigned, batch 1000)", Table.perSecond(rate));
  }

  /** LogVerifier in both modes: two passes each, the second (warm JIT and cache) is reported. */
  private void verifyLog(Path dir) throws Exception {
    try (RocksLogStore store = RocksLogStore.open(dir)) {
      byte[] note = store.latestCheckpoint().orElseThrow().note();
      Checkpoint cp =
          SignedCheckpoint.open(
                  note, DurableAppends.LOG_KEY.name(), DurableAppends.LOG_KEY.verifierKey())
              .checkpoint();
      double hashOnly = verifyRate(store, cp, LogVerifier.Mode.HASH_ONLY);
      table.row(
          "Log verification at " + logSize + " entries (hash only: index, chain, leaf hash, root)",
          Table.perSecond(hashOnly),
          "≥ 1,000,000 /s",
          hashOnly >= VERIFY_LOG_TARGET);
      table.row(
          "Log verification at " + logSize + " entries (full: strict decode of every entry)",
          Table.perSecond(verifyRate(store, cp, LogVerifier.Mode.FULL)));
    }
  }

  private double verifyRate(RocksLogStore store, Checkpoint cp, LogVerifier.Mode mode)
      throws Exception {
    progress("verifying the whole log, " + mode);
    double rate = 0;
    for (int pass = 0; pass < 2; pass++) {
      settle();
      long start = System.nanoTime();
      long n = LogVerifier.verify(store, cp, mode, done -> {});
      rate = n / ((System.nanoTime() - start) / 1e9);
    }
    return rate;
  }

  /**
   * Collects the garbage earlier rows left before a row is timed: otherwise G1's concurrent cycles
   * for it ran during the row (GC and marking threads took ~15 % of a core during the log
   * verification passes, which no verification allocated).
   */
  static void settle() {
    System.gc();
  }

  private int count(int full) {
    return Math.max(100, (int) (full * scale));
  }

  private static void progress(String what) {
    System.err.println("[bench] " + what);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
