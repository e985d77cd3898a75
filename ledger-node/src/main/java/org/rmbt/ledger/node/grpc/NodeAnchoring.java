package org.rmbt.ledger.node.grpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.CompliancePolicy;
import org.rmbt.ledger.core.ledger.EntryPolicy;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.node.anchor.AnchorService;
import org.rmbt.ledger.node.anchor.ChainTarget;
import org.rmbt.ledger.node.anchor.LogAnchorSink;
import org.rmbt.ledger.node.config.AnchorConfig;
import org.rmbt.ledger.node.config.NodeConfig;

/** Starts the node's anchor service from its configuration, receipting into its own log. */
final class NodeAnchoring {
  static final Duration RECEIPT_APPEND_TIMEOUT = Duration.ofSeconds(30);
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  private NodeAnchoring() {}

  /**
   * Receipts are records the compliance rules admit (signed by a WITNESS or REGULATOR) and index by
   * subject {@code anchor:<chainId>}; without those rules the node could neither find what it
   * receipted nor put anchors in bundles, so anchoring refuses any other policy.
   */
  static void requireReceiptable(NodeConfig config, EntryPolicy policy) throws MalformedException {
    if (config.anchor().isPresent() && !(policy instanceof CompliancePolicy)) {
      throw new MalformedException(
          "anchor.receipt_key_file", "anchor receipts need the compliance policy");
    }
  }

  /** The started service, or null when the configuration has no anchoring. */
  static AnchorService startIfConfigured(
      NodeConfig config, Ledger ledger, SignerKey logKey, AnchorHealth health)
      throws IOException, MalformedException {
    return config.anchor().isEmpty() ? null : start(config.anchor().get(), ledger, logKey, health);
  }

  static AnchorService start(
      AnchorConfig config, Ledger ledger, SignerKey logKey, AnchorHealth health)
      throws IOException, MalformedException {
    SignerKey receiptKey = SignerKey.parse(read(config.receiptKeyFile()));
    List<ChainTarget> targets = new ArrayList<>();
    for (AnchorConfig.Chain c : config.chains()) {
      String key = read(c.keyFile());
      targets.add(new ChainTarget(c.chainId(), c.rpcUrl(), c.registry(), key, c.finality()));
    }
    AnchorService service =
        new AnchorService(
            AnchorService.logId(logKey.privateKey().publicKey()),
            () -> latest(ledger),
            config.policy(),
            targets,
            new LogAnchorSink(
                ledger, receiptKey.privateKey(), RECEIPT_APPEND_TIMEOUT, config.chainIds()),
            Clock.systemUTC(),
            FIRST_BACKOFF);
    service.onRound(health);
    service.start(config.poll());
    return service;
  }

  private static Optional<SignedCheckpoint> latest(Ledger ledger) {
    SignedCheckpoint cp = ledger.view().latestCheckpoint();
    return cp.checkpoint().size() > 0 ? Optional.of(cp) : Optional.empty();
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }
}
