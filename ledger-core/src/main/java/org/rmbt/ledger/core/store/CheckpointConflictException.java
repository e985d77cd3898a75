package org.rmbt.ledger.core.store;

/** A checkpoint write lost its compare-and-swap or would sign a second root for a size. */
public class CheckpointConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  public CheckpointConflictException(String message) {
    super(message);
  }
}
