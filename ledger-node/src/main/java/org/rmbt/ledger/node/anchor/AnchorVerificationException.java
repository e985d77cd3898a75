package org.rmbt.ledger.node.anchor;

import org.rmbt.ledger.core.hash.VerificationException;

/** A bundle's anchor that the chain does not back; {@code check} names what failed. */
public final class AnchorVerificationException extends VerificationException {
  private static final long serialVersionUID = 1L;
  private final String check;

  public AnchorVerificationException(String check, String message) {
    super("anchor " + check + ": " + message);
    this.check = check;
  }

  /**
   * One of chainId, txHash, blockNumber, blockHash, registry, treeSize, root, logId,
   * checkpointHash.
   */
  public String check() {
    return check;
  }
}
