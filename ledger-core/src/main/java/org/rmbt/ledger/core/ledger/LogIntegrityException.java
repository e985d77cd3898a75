package org.rmbt.ledger.core.ledger;

import org.rmbt.ledger.core.store.StoreException;

/**
 * The stored log disagrees with itself (tail entries, tree hashes, latest checkpoint). The ledger
 * refuses to open rather than serve or sign over it; the message says what disagrees.
 */
public class LogIntegrityException extends StoreException {
  private static final long serialVersionUID = 1L;

  public LogIntegrityException(String message) {
    super(message);
  }

  public LogIntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
