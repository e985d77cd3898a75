package org.rmbt.ledger.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.node.config.NodeConfigCodec;
import org.rmbt.ledger.node.config.ReplicaConfig;
import org.rmbt.ledger.node.config.ReplicaConfigCodec;
import org.rmbt.ledger.node.grpc.LedgerServer;
import org.rmbt.ledger.node.log.KeyValueFormatter;
import org.rmbt.ledger.node.replica.ReplicaNode;
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

  @Option(
      names = "--replica-of",
      description = "Run as a replica of the primary at HOST:PORT (replica_of).")
  String replicaOf;

  @Option(
      names = "--witness-key-file",
      description = "The replica's cosignature/v1 signer key file (witness_key_file).")
  Path witnessKeyFile;

  @Override
  public Integer call() throws Exception {
    NodeConfig cfg;
    Optional<ReplicaConfig> replica;
    try {
      Map<String, List<String>> values = values();
      cfg = NodeConfigCodec.decode(values, base());
      replica = ReplicaConfigCodec.decode(values, base());
    } catch (MalformedException | IOException e) {
      return Report.fail(false, Rmbt.BAD_INPUT, "malformed", e.getMessage());
    }
    KeyValueFormatter.install();
    AutoCloseable server;
    int boundPort;
    try {
      if (replica.isPresent()) {
        ReplicaNode r = ReplicaNode.start(cfg, replica.get());
        server = r;
        boundPort = r.port();
      } else {
        LedgerServer s = LedgerServer.start(cfg);
        server = s;
        boundPort = s.port();
      }
    } catch (MalformedException | IOException e) {
      return Report.fail(false, Rmbt.FAULT, "cannot start", e.toString());
    }
    System.out.println(
        "rmbt node: serving on "
            + cfg.listenAddress()
            + ":"
            + boundPort
            + replica.map(r -> " as a replica of " + r.host() + ":" + r.port()).orElse(""));
    return runUntilSignalled(server);
  }

  private static int runUntilSignalled(AutoCloseable server) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (Exception e) {
                    System.err.println("rmbt node: shutdown failed: " + e);
                  }
                  stopped.countDown();
                },
                "rmbt-shutdown"));
    stopped.await();
    return Rmbt.OK;
  }

  private Path base() {
    return config == null ? Path.of("").toAbsolutePath() : config.toAbsolutePath().getParent();
  }

  private Map<String, List<String>> values() throws Exception {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (config != null) {
      values.putAll(NodeConfigCodec.parse(Files.readString(config, StandardCharsets.UTF_8)));
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
    override(values, "replica_of", replicaOf);
    override(
        values,
        "witness_key_file",
        witnessKeyFile == null ? null : witnessKeyFile.toAbsolutePath().toString());
    return values;
  }

  private static void override(Map<String, List<String>> values, String key, String value)
      throws MalformedException {
    if (value != null) {
      values.remove(key);
      NodeConfigCodec.put(values, key, value, "flag for " + key);
    }
  }
}
