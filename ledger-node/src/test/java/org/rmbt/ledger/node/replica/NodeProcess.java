package org.rmbt.ledger.node.replica;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rmbt.ledger.node.cli.Rmbt;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * One {@code rmbt node} in its own JVM, started from this test's class path. Its output goes to a
 * file; the node is up once it prints {@code rmbt node: serving on HOST:PORT}, which gives the port
 * it bound ({@code --port 0} picks a free one).
 */
final class NodeProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("rmbt node: serving on [^:\\s]+:(\\d+)");

  private final Process process;
  private final Path output;
  private final int port;
  private final Thread reaper;

  private NodeProcess(Process process, Path output, int port, Thread reaper) {
    this.process = process;
    this.output = output;
    this.port = port;
    this.reaper = reaper;
  }

  /**
   * Runs {@code rmbt node --config CONFIG ARGS}, appending its output to {@code output}, and waits
   * (bounded) until it serves. A node that exits first (a port still taken, say) fails the start.
   */
  static NodeProcess start(Path workDir, Path config, Path output, String... args)
      throws Exception {
    long from = Files.exists(output) ? Files.size(output) : 0;
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // A killed JVM leaves RocksDB's extracted native library behind: load it from one copy.
    Path natives = nativeLibraryDir(workDir);
    command.addAll(
        List.of(
            "-Xmx192m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.library.path=" + natives,
            "-Djava.io.tmpdir=" + natives,
            "-cp",
            System.getProperty("java.class.path"),
            Rmbt.class.getName(),
            "node",
            "--config",
            config.toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
            .start();
    // Should this JVM die before the test's cleanup runs, the node dies with it.
    Thread reaper = new Thread(p::destroyForcibly, "node-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    NodeProcess node = new NodeProcess(p, output, -1, reaper);
    try {
      return new NodeProcess(p, output, awaitPort(p, output, from), reaper);
    } catch (Exception | AssertionError e) {
      node.close();
      throw e;
    }
  }

  private static int awaitPort(Process p, Path output, long from) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < end) {
      String text = since(output, from);
      Matcher m = SERVING.matcher(text);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!p.isAlive()) {
        throw new NodeExitedException(p.exitValue(), text);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new AssertionError("node did not report its port: " + since(output, from));
  }

  private static String since(Path output, long from) throws IOException {
    byte[] all = Files.readAllBytes(output);
    int start = (int) Math.min(from, all.length);
    return new String(all, start, all.length - start, StandardCharsets.UTF_8);
  }

  int port() {
    return port;
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("node did not die on SIGKILL");
    }
  }

  /** SIGTERM: the node's shutdown hook closes the server and the log gracefully. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("node did not stop on SIGTERM");
    }
  }

  /** Everything this node's JVMs printed so far (for failure messages). */
  String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway; the process is gone already.
    }
  }

  /** A directory holding RocksDB's JNI library under the name {@code System.loadLibrary} wants. */
  private static synchronized Path nativeLibraryDir(Path workDir) throws IOException {
    Path dir = workDir.resolve("native");
    Path lib = dir.resolve(System.mapLibraryName(Environment.getSharedLibraryName("rocksdb")));
    if (!Files.exists(lib)) {
      Files.createDirectories(dir);
      String resource = Environment.getJniLibraryFileName("rocksdb");
      try (InputStream in = RocksDB.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("no RocksDB JNI resource " + resource);
        }
        Files.copy(in, lib);
      }
    }
    return dir;
  }

  /** The node exited before it served, e.g. because its port was still taken. */
  static final class NodeExitedException extends Exception {
    private static final long serialVersionUID = 1L;

    NodeExitedException(int code, String output) {
      super("node exited with " + code + " before serving: " + output);
    }
  }
}
