package org.rmbt.ledger.core.ledger;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.core.store.rocksdb.TestStores;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * A child JVM ({@link CrashAppender}) appends in a loop and records each acknowledged index in a
 * side file; it is killed with SIGKILL at random moments, {@value #ROUNDS} times, on one log. After
 * every kill the log reopens, each acknowledged entry is present with its leaf hash, the whole log
 * verifies, every checkpoint seen before is unchanged, and appends continue. Rerun a failure with
 * {@code -Drmbt.crash.seed=<seed printed>}.
 */
class CrashRecoveryTest {
  private static final int ROUNDS = 20;

  /**
   * The child's leaf index backlog is ingested every this many entries, so that kills also land
   * while an index file is built, ingested or its backlog deleted.
   */
  static final int INGEST_EVERY = 300;

  /** Java reports a process killed by signal n as exit code 128 + n; SIGKILL is 9. */
  private static final int KILLED_BY_SIGKILL = 128 + 9;

  private static final Pattern ACK = Pattern.compile("(0|[1-9][0-9]*) ([0-9a-f]{64})");

  @TempDir Path tmp;

  private final Map<Long, String> acked = new HashMap<>();
  private final Map<Long, byte[]> checkpointsSeen = new HashMap<>();
  private long size;

  @Test
  @Timeout(300)
  void killedAppenderLosesNothingAcknowledged() throws Exception {
    long seed = Long.getLong("rmbt.crash.seed", System.nanoTime());
    System.out.println("CrashRecoveryTest seed " + seed);
    Random random = new Random(seed);
    Path log = tmp.resolve("log");
    int roundsWithAcks = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Path side = tmp.resolve("acks-" + round + ".txt");
      Path stderr = tmp.resolve("child-" + round + ".err");
      Process child = startChild(log, side, stderr, 1_000_000_000L * (round + 1));
      awaitReady(child, stderr);
      Thread.sleep(200 + random.nextInt(1301));
      child.destroyForcibly();
      assertThat(child.waitFor())
          .as("child exit in round %d; stderr: %s", round, Files.readString(stderr))
          .isEqualTo(KILLED_BY_SIGKILL);
      child.getInputStream().close();
      Map<Long, String> fresh = parseAcks(Files.exists(side) ? Files.readString(side) : "");
      roundsWithAcks += fresh.isEmpty() ? 0 : 1;
      addAcks(fresh);
      reopenAndCheck(log, round);
    }
    System.out.printf(
        "CrashRecoveryTest: %d rounds, %d with acks, %d acknowledged, log size %d%n",
        ROUNDS, roundsWithAcks, acked.size(), size);
    assertThat(roundsWithAcks)
        .as("rounds whose child acknowledged entries")
        .isGreaterThanOrEqualTo(ROUNDS / 2);
    assertThat(acked.size()).isGreaterThan(ROUNDS);
  }

  /**
   * Blocks until the child has opened the ledger. Killing it only after that keeps the rounds
   * productive: a child JVM takes over a second to start, which the kill window would otherwise
   * mostly spend on class loading.
   */
  private static void awaitReady(Process child, Path stderr) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), US_ASCII));
    String line = out.readLine();
    assertThat(line)
        .as("child's first line; stderr: %s", Files.readString(stderr))
        .startsWith("ready ");
  }

  private Process startChild(Path log, Path side, Path stderr, long firstEnvelope)
      throws Exception {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    // A killed JVM leaves RocksDB's extracted native library behind: load it from one copy here.
    command.add("-Djava.library.path=" + nativeLibraryDir());
    command.add("-Djava.io.tmpdir=" + nativeLibraryDir());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashAppender.class.getName());
    command.add(log.toString());
    command.add(side.toString());
    command.add(Long.toString(firstEnvelope));
    return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
  }

  /** A directory holding RocksDB's JNI library under the name {@code System.loadLibrary} wants. */
  private Path nativeLibraryDir() throws IOException {
    Path dir = tmp.resolve("native");
    Path lib = dir.resolve(System.mapLibraryName(Environment.getSharedLibraryName("rocksdb")));
    if (!Files.exists(lib)) {
      Files.createDirectories(dir);
      String resource = Environment.getJniLibraryFileName("rocksdb");
      try (InputStream in = RocksDB.class.getClassLoader().getResourceAsStream(resource)) {
        assertThat(in).as("resource %s", resource).isNotNull();
        Files.copy(in, lib);
      }
    }
    return dir;
  }

  /**
   * Complete lines of a side file, index to leaf hash. The last line may lack its newline (killed
   * mid-write) and is then ignored; any other line that does not parse fails the test.
   */
  static Map<Long, String> parseAcks(String text) {
    Map<Long, String> out = new HashMap<>();
    int end = text.lastIndexOf('\n');
    if (end < 0) {
      return out;
    }
    for (String line : text.substring(0, end).split("\n", -1)) {
      var m = ACK.matcher(line);
      assertThat(m.matches()).as("side file line '%s'", line).isTrue();
      String previous = out.put(Long.parseLong(m.group(1)), m.group(2));
      assertThat(previous).as("index %s acknowledged twice", m.group(1)).isIn(null, m.group(2));
    }
    return out;
  }

  private void addAcks(Map<Long, String> fresh) {
    fresh.forEach(
        (index, leaf) -> {
          String before = acked.putIfAbsent(index, leaf);
          assertThat(before)
              .as("index %d acknowledged with two leaf hashes", index)
              .isIn(null, leaf);
        });
  }

  private void reopenAndCheck(Path log, int round) throws Exception {
    try (RocksLogStore store = TestStores.ingestingEvery(log, INGEST_EVERY);
        Ledger ledger = TestLog.open(store, LedgerConfig.DEFAULT)) {
      SignedCheckpoint latest = ledger.view().latestCheckpoint();
      long now = latest.checkpoint().size();
      assertThat(now).as("log size after round %d", round).isGreaterThanOrEqualTo(size);
      List<byte[]> entries = ledger.view().entries(0, Math.toIntExact(now));
      for (Map.Entry<Long, String> a : acked.entrySet()) {
        assertThat(a.getKey()).as("acknowledged index").isLessThan(now);
        String leaf = Hashing.leaf(entries.get(Math.toIntExact(a.getKey()))).hex();
        assertThat(leaf)
            .as("leaf hash of acknowledged entry %d", a.getKey())
            .isEqualTo(a.getValue());
        // The lookup index survives too, whichever side of an ingest the kill fell on.
        assertThat(store.indexOf(new Hash(HexFormat.of().parseHex(a.getValue()))))
            .as("lookup of acknowledged entry %d by its leaf hash", a.getKey())
            .hasValue(a.getKey());
      }
      TestLog.verify(store, latest);
      checkpointsSeen.forEach(
          (s, note) ->
              assertThat(ledger.view().checkpoint(s))
                  .as("checkpoint at size %d", s)
                  .hasValueSatisfying(c -> assertThat(c.note()).isEqualTo(note)));
      appendOne(ledger, now, round);
    }
  }

  /** The test JVM appends too: the recovered log takes new entries on a valid chain. */
  private void appendOne(Ledger ledger, long now, int round) throws Exception {
    AppendResult r = ledger.append(TestLog.envelope(-1L - round)).join();
    assertThat(r.duplicate()).isFalse();
    assertThat(r.index()).isEqualTo(now);
    Proofs.verifyInclusion(
        r.index(), now + 1, r.leafHash(), r.inclusionProof(), r.checkpoint().checkpoint().root());
    acked.put(r.index(), r.leafHash().hex());
    checkpointsSeen.put(now + 1, r.checkpoint().note());
    size = now + 1;
  }

  @Test
  void sideFileParserIgnoresOnlyAnUnfinishedLastLine() {
    String leaf = "ab".repeat(32);
    assertThat(parseAcks("")).isEmpty();
    assertThat(parseAcks("0 " + leaf)).isEmpty();
    assertThat(parseAcks("0 " + leaf + "\n1 " + leaf.substring(0, 9))).containsOnlyKeys(0L);
    assertThat(parseAcks("0 " + leaf + "\n1 " + leaf + "\n")).containsOnlyKeys(0L, 1L);
    assertThatThrownBy(() -> parseAcks("0 " + leaf.substring(9) + "\n1 " + leaf + "\n"))
        .isInstanceOf(AssertionError.class);
  }
}
