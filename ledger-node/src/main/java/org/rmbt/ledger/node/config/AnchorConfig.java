package org.rmbt.ledger.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.rmbt.ledger.node.anchor.AnchorPolicy;
import org.rmbt.ledger.node.anchor.Finality;

/**
 * Anchoring the log to one or more EVM chains (DESIGN.md, "Chain anchoring"): where, how often, and
 * who signs the {@code AnchorReceipt} entries.
 *
 * @param chains one per jurisdiction; at least one
 * @param policy anchor every N entries or T seconds
 * @param receiptKeyFile the C2SP signer key of the anchoring participant (a WITNESS or REGULATOR
 *     registered in the log) that signs each receipt
 * @param poll how often the service looks at the log and the chains
 */
public record AnchorConfig(
    List<Chain> chains, AnchorPolicy policy, Path receiptKeyFile, Duration poll) {
  public AnchorConfig {
    chains = List.copyOf(chains);
    if (chains.isEmpty()) {
      throw new IllegalArgumentException("anchoring needs at least one chain");
    }
    if (chains.stream().map(Chain::chainId).distinct().count() != chains.size()) {
      throw new IllegalArgumentException("one entry per chain id");
    }
  }

  /**
   * @param registry the LedgerAnchorRegistry address, 0x-prefixed
   * @param keyFile the submitter's secp256k1 private key, hex (secret)
   */
  public record Chain(
      long chainId, String rpcUrl, String registry, Path keyFile, Finality finality) {}

  /** The chain ids, in configuration order. */
  public List<Long> chainIds() {
    return chains.stream().map(Chain::chainId).toList();
  }
}
