package org.rmbt.ledger.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Process CPU time and each thread's CPU time at one moment, to attribute a hand-timed run's cost
 * on a shared machine where wall-clock rates move with other people's builds. Threads are read from
 * {@code /proc/self/task} (Linux), so the JVM's own (GC, JIT compiler) are counted too; threads
 * that end between two snapshots are missing from the per-thread part, not from the process total.
 */
record CpuTimes(long processNanos, Map<String, String> names, Map<String, Long> ticks) {
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

  static CpuTimes now() {
    Map<String, String> names = new HashMap<>();
    Map<String, Long> ticks = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : tasks.toList()) {
        read(t, names, ticks);
      }
    } catch (IOException | RuntimeException e) {
      names.clear(); // not Linux: the process total only
    }
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new CpuTimes(os.getProcessCpuTime(), names, ticks);
  }

  private static void read(Path task, Map<String, String> names, Map<String, Long> ticks) {
    try {
      String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      String id = task.getFileName().toString();
      // Fields after the name: state is f[0], utime f[11], stime f[12] (proc(5) fields 14, 15).
      ticks.put(id, Long.parseLong(f[11]) + Long.parseLong(f[12]));
      names.put(id, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
    } catch (IOException | RuntimeException gone) {
      // the thread ended while listing
    }
  }

  /** CPU milliseconds since {@code before}, summed by thread name without its trailing number. */
  String perThreadSince(CpuTimes before) {
    Map<String, Long> byGroup = new TreeMap<>();
    ticks.forEach(
        (id, t) -> {
          long spent = (t - before.ticks.getOrDefault(id, 0L)) * NANOS_PER_TICK;
          String group = names.get(id).replaceAll("[-#]?\\d+$", "");
          byGroup.merge(group, spent, Long::sum);
        });
    StringBuilder sb = new StringBuilder();
    byGroup.entrySet().stream()
        .filter(e -> e.getValue() >= 20_000_000)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                sb.append(
                    String.format("  %-20s %,8d ms%n", e.getKey(), e.getValue() / 1_000_000)));
    return sb.toString();
  }
}
