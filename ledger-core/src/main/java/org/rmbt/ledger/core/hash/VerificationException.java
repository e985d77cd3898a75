package org.rmbt.ledger.core.hash;

/**
 * Data that parsed but does not verify: a proof that does not lead to the root, a signature that
 * does not check, a chain link that does not match. Subclasses name the failure; the message says
 * exactly what failed so an auditor can act on it.
 */
public class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public VerificationException(String message) {
    super(message);
  }

  public VerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
