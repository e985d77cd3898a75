package org.rmbt.ledger.core.checkpoint;

import org.rmbt.ledger.core.hash.VerificationException;

/** A signed checkpoint is for another log than the one the reader asked about. */
public class OriginMismatchException extends VerificationException {
  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String actual;

  public OriginMismatchException(String expected, String actual) {
    super("checkpoint origin is \"" + actual + "\", expected \"" + expected + "\"");
    this.expected = expected;
    this.actual = actual;
  }

  public String expected() {
    return expected;
  }

  public String actual() {
    return actual;
  }
}
