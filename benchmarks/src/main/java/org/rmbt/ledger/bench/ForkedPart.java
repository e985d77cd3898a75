package org.rmbt.ledger.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one part of the benchmark in a JVM of its own, with this JVM's options and class path, and
 * returns the table rows it measured. A part run after others in one JVM paid for them: their
 * garbage (G1's concurrent marking ~2.6 µs per unsigned append) and their JIT profiles (C2 still
 * recompiling ~2.5 µs per entry after a 400,000-entry warm-up) — unsigned appends in batches of
 * 1000 measured 84,469 /s after the signed and catch-up rows and 97,953 /s before them.
 */
final class ForkedPart {
  static final String FLAG = "--part";

  private ForkedPart() {}

  /** Runs {@code part} in a child JVM; returns its rows in order. */
  static List<String> run(String part, double verifyRate, Path work)
      throws IOException, InterruptedException {
    Path rows = Files.createTempFile(work, part, ".rows");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            BenchMain.class.getName(),
            FLAG,
            part,
            String.format(Locale.ROOT, "%.3f", verifyRate),
            work.toString(),
            rows.toString()));
    // stdout too: the child prints nothing there, and its progress (stderr) shows as it runs.
    Process child = new ProcessBuilder(command).inheritIO().start();
    int exit = child.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("benchmark part " + part + " failed with exit code " + exit);
    }
    return Files.readAllLines(rows);
  }

  /** Whether {@code args} are a child's: {@link #FLAG}, part, verify rate, work dir, rows file. */
  static boolean isChild(String[] args) {
    return args.length == 5 && args[0].equals(FLAG);
  }
}
