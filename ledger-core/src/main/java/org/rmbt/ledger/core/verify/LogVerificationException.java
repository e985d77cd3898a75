package org.rmbt.ledger.core.verify;

import org.rmbt.ledger.core.hash.VerificationException;

/** A copy of a log, or a proof bundle, that does not verify; the message says exactly where. */
public class LogVerificationException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public LogVerificationException(String message) {
    super(message);
  }

  public LogVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
