package org.rmbt.ledger.node.anchor;

import java.util.Objects;

/**
 * One jurisdiction's chain: where to send anchors and when they count as final.
 *
 * @param registry the LedgerAnchorRegistry contract address, 0x-prefixed hex
 * @param privateKeyHex the submitter's secp256k1 key; never printed
 */
public record ChainTarget(
    long chainId, String rpcUrl, String registry, String privateKeyHex, Finality finality) {
  public ChainTarget {
    if (chainId < 1) {
      throw new IllegalArgumentException("chain id must be positive");
    }
    if (!registry.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("registry must be a 0x-prefixed 20-byte address");
    }
    Objects.requireNonNull(rpcUrl);
    Objects.requireNonNull(privateKeyHex);
    Objects.requireNonNull(finality);
  }

  @Override
  public String toString() {
    return "ChainTarget[chainId=" + chainId + ", rpc=" + rpcUrl + ", registry=" + registry + "]";
  }
}
