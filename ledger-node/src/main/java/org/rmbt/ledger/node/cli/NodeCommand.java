package org.rmbt.ledger.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.node.config.NodeConfigCodec;
import org.rmbt.ledger.node.grpc.LedgerServer;
import org.rmbt.ledger.node.log.KeyValueFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "node",
    description =
        "Run a ledger node: serve the log in the data directory over gRPC until SIGTERM or SIGINT,"
            + " then shut down gracefully. Flags override the config file's values.")
final class NodeCommand implements Callable<Integer> {
  @Option(names = "--config", description = "node.conf: one `key = value` per line.")
  Path config;

  @Option(names = "--data-dir", description = "RocksDB directory of the log (data_dir).")
  Path dataDir;

  @Option(names = "--listen", description = "Address to bind (listen_address).")
  String listen;

  @Option(names = "--port", description = "TCP port, 0 for any free one (listen_port).")
  String port;

  @Option(names = "--log-key", description = "The log's signer key file (log_key_file).")
  Path logKey;

  @Option(
      names = "--signer-key",
      description = "Accepted envelope signer: verifier key or @file; repeatable (signer_key).")
  List<String> signerKeys = List.of();

  @Option(
      names = "--witness-key",
      description = "Accepted witness cosignature/v1 key or @file; repeatable (witness_key).")
  List<String> witnessKeys = List.of();

  @Override
  public Integer call() throws Exception {
    NodeConfig cfg;
    try {
      cfg = config();
    } catch (MalformedException | IOException e) {
      return Report.fail(false, Rmbt.BAD_INPUT, "malformed", e.getMessage());
    }
    KeyValueFormatter.install();
    LedgerServer server;
    try {
      server = LedgerServer.start(cfg);
    } catch (MalformedException | IOException e) {
      return Report.fail(false, Rmbt.FAULT, "cannot start", e.toString());
    }
    System.out.println("rmbt node: serving on " + cfg.listenAddress() + ":" + server.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "rmbt-shutdown"));
    stopped.await();
    return Rmbt.OK;
  }

  private NodeConfig config() throws Exception {
    Map<String, List<String>> values = new LinkedHashMap<>();
    Path base = Path.of("").toAbsolutePath();
    if (config != null) {
      values.putAll(NodeConfigCodec.parse(Files.readString(config, StandardCharsets.UTF_8)));
      base = config.toAbsolutePath().getParent();
    }
    // Flag paths are relative to where the command runs, so they go in absolute.
    override(values, "data_dir", dataDir == null ? null : dataDir.toAbsolutePath().toString());
    override(values, "listen_address", listen);
    override(values, "listen_port", port);
    override(values, "log_key_file", logKey == null ? null : logKey.toAbsolutePath().toString());
    for (String k : signerKeys) {
      NodeConfigCodec.put(values, "signer_key", KeyFiles.verifierKey(k).encode(), "--signer-key");
    }
    for (String k : witnessKeys) {
      NodeConfigCodec.put(values, "witness_key", KeyFiles.verifierKey(k).encode(), "--witness-key");
    }
    return NodeConfigCodec.decode(values, base);
  }

  private static void override(Map<String, List<String>> values, String key, String value)
      throws MalformedException {
    if (value != null) {
      values.remove(key);
      NodeConfigCodec.put(values, key, value, "flag for " + key);
    }
  }
}
