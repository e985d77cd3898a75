package org.rmbt.ledger.core.store;

/** A storage fault or a store whose contents break its own invariants. Not the caller's data. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
