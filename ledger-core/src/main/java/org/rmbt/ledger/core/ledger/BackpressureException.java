package org.rmbt.ledger.core.ledger;

/** The sequencer's queue is full: the caller should retry later. */
public class BackpressureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackpressureException(String message) {
    super(message);
  }
}
