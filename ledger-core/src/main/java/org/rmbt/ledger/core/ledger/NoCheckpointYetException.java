package org.rmbt.ledger.core.ledger;

/**
 * A replica has verified no checkpoint of the log yet, so it has nothing it may serve: readers see
 * only what a verified checkpoint covers. Transient; retry once the replica has caught up.
 */
public class NoCheckpointYetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NoCheckpointYetException() {
    super("no verified checkpoint yet");
  }
}
