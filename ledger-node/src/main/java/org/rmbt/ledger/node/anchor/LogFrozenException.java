package org.rmbt.ledger.node.anchor;

/** The registry froze this log id after an equivocation: no anchor will ever be accepted. */
public final class LogFrozenException extends Exception {
  private static final long serialVersionUID = 1L;
  private final long chainId;

  public LogFrozenException(long chainId, String registry) {
    super("log id frozen on chain " + chainId + " registry " + registry + " (equivocation)");
    this.chainId = chainId;
  }

  public long chainId() {
    return chainId;
  }
}
