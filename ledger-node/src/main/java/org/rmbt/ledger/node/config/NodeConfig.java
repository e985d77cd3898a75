package org.rmbt.ledger.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rmbt.ledger.core.checkpoint.KeyType;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.ledger.CompliancePolicy;
import org.rmbt.ledger.core.ledger.EntryPolicy;
import org.rmbt.ledger.core.ledger.LedgerConfig;
import org.rmbt.ledger.core.ledger.SignerKeyPolicy;
import org.rmbt.ledger.core.record.SignerKeyRing;

/**
 * Everything a node needs to start. {@link NodeConfigCodec} reads it from a file; tests build it
 * directly.
 *
 * @param dataDir the RocksDB directory of the log
 * @param listenAddress host or IP to bind; {@code 0.0.0.0} for every interface
 * @param port TCP port; 0 picks a free one
 * @param logKeyFile the log's C2SP signer key (secret); its name is the log origin
 * @param signerKeys keys whose DSSE envelope signatures the log accepts
 * @param witnessKeys {@code cosignature/v1} keys whose cosignatures the node takes in
 * @param tls empty: plaintext (loopback and tests only)
 * @param metricsPort Prometheus HTTP port, 0 for none
 * @param anchor chain anchoring; empty: none
 */
public record NodeConfig(
    Path dataDir,
    String listenAddress,
    int port,
    Path logKeyFile,
    List<VerifierKey> signerKeys,
    List<VerifierKey> witnessKeys,
    Optional<TlsConfig> tls,
    ServerLimits limits,
    LedgerConfig ledger,
    int metricsPort,
    Optional<AnchorConfig> anchor) {
  public NodeConfig {
    signerKeys = List.copyOf(signerKeys);
    witnessKeys = List.copyOf(witnessKeys);
    if (port < 0 || port > 65535 || metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException("ports must be in [0, 65535]");
    }
    if (witnessKeys.stream().anyMatch(k -> k.type() != KeyType.COSIGNATURE_V1)) {
      throw new IllegalArgumentException("witness keys must be cosignature/v1 (type 0x04)");
    }
    if (signerKeys.stream().anyMatch(k -> k.type() != KeyType.ED25519)) {
      throw new IllegalArgumentException("signer keys must be Ed25519 (type 0x01)");
    }
  }

  /** Without chain anchoring. */
  public NodeConfig(
      Path dataDir,
      String listenAddress,
      int port,
      Path logKeyFile,
      List<VerifierKey> signerKeys,
      List<VerifierKey> witnessKeys,
      Optional<TlsConfig> tls,
      ServerLimits limits,
      LedgerConfig ledger,
      int metricsPort) {
    this(
        dataDir,
        listenAddress,
        port,
        logKeyFile,
        signerKeys,
        witnessKeys,
        tls,
        limits,
        ledger,
        metricsPort,
        Optional.empty());
  }

  /** Plaintext on loopback with default limits: for tests and local demos. */
  public static NodeConfig local(
      Path dataDir, Path logKeyFile, List<VerifierKey> signerKeys, List<VerifierKey> witnessKeys) {
    return new NodeConfig(
        dataDir,
        "127.0.0.1",
        0,
        logKeyFile,
        signerKeys,
        witnessKeys,
        Optional.empty(),
        ServerLimits.DEFAULTS,
        LedgerConfig.DEFAULT,
        0);
  }

  /**
   * A fresh policy for the log this node keeps, the same for a primary and its replicas: fixed
   * signer keys make a plain signed log; none, the compliance ledger, whose participants the log
   * itself registers. Fresh because {@link CompliancePolicy} holds the state it replays.
   */
  public EntryPolicy newEntryPolicy() {
    return signerKeys.isEmpty()
        ? new CompliancePolicy()
        : new SignerKeyPolicy(
            SignerKeyRing.of(signerKeys.stream().map(VerifierKey::publicKey).toList()));
  }

  public NodeConfig withTls(TlsConfig t) {
    return with(Optional.of(t), limits, anchor);
  }

  public NodeConfig withLimits(ServerLimits l) {
    return with(tls, l, anchor);
  }

  public NodeConfig withAnchor(AnchorConfig a) {
    return with(tls, limits, Optional.of(a));
  }

  /** This config with the parts a with-er may replace: the one place listing every field. */
  private NodeConfig with(
      Optional<TlsConfig> newTls, ServerLimits newLimits, Optional<AnchorConfig> newAnchor) {
    return new NodeConfig(
        dataDir,
        listenAddress,
        port,
        logKeyFile,
        signerKeys,
        witnessKeys,
        newTls,
        newLimits,
        ledger,
        metricsPort,
        newAnchor);
  }
}
