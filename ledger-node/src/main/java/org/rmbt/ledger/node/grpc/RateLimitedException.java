package org.rmbt.ledger.node.grpc;

/** A client made more appends than its rate allows; it should slow down and retry. */
public class RateLimitedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RateLimitedException(String message) {
    super(message);
  }
}
