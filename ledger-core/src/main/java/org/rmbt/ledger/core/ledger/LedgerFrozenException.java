package org.rmbt.ledger.core.ledger;

/**
 * The ledger stopped accepting appends: it was closed, or a storage fault left its in-memory state
 * unsure and it must be reopened (reopening re-checks the store and recovers).
 */
public class LedgerFrozenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LedgerFrozenException(String message, Throwable cause) {
    super(message, cause);
  }
}
