package org.rmbt.ledger.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.node.grpc.LedgerServer;

/**
 * A real node on a loopback port over RocksDB, with keys made by {@code rmbt keygen}, and a way to
 * run {@code rmbt} commands against it capturing their output.
 */
final class CliNode implements AutoCloseable {
  static final String ORIGIN = "cli.rmbt.example/log";

  final Path dir;
  final Path keys;
  final LedgerServer server;

  private CliNode(Path dir, Path keys, LedgerServer server) {
    this.dir = dir;
    this.keys = keys;
    this.server = server;
  }

  static CliNode start(Path dir) throws Exception {
    return start(dir, cfg -> cfg);
  }

  static CliNode start(Path dir, java.util.function.UnaryOperator<NodeConfig> tweak)
      throws Exception {
    Path keys = dir.resolve("keys");
    if (!Files.exists(keys)) {
      assertThat(RmbtRun.run("keygen", "--name", ORIGIN, "--out", keys.toString()).code()).isZero();
      assertThat(RmbtRun.run("keygen", "--name", "submitter", "--out", keys.toString()).code())
          .isZero();
      assertThat(RmbtRun.run("keygen", "--name", "stranger", "--out", keys.toString()).code())
          .isZero();
    }
    VerifierKey submitter =
        VerifierKey.parse(Files.readString(keys.resolve("submitter.pub")).strip());
    NodeConfig cfg =
        NodeConfig.local(
            dir.resolve("log"),
            keys.resolve("cli.rmbt.example_log.key"),
            List.of(submitter),
            List.of());
    return new CliNode(dir, keys, LedgerServer.start(tweak.apply(cfg)));
  }

  String node() {
    return "127.0.0.1:" + server.port();
  }

  String logKey() {
    return "@" + keys.resolve("cli.rmbt.example_log.pub");
  }

  /** Runs {@code rmbt ARGS --node <this node>}. */
  RmbtRun.Result client(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--node");
    all.add(node());
    return RmbtRun.run(all.toArray(String[]::new));
  }

  /** Writes a file holding {@code text} under the test directory. */
  Path file(String name, String text) throws Exception {
    Path p = dir.resolve("files").resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Override
  public void close() {
    server.close();
  }
}
