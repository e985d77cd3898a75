package org.rmbt.ledger.core.record;

/**
 * The record conflicts with the log so far: a reference that does not resolve, an id already taken,
 * missing or stale evidence, a validity too long, or an illegal status transition.
 */
public final class RecordRuleException extends RecordRejectedException {
  private static final long serialVersionUID = 1L;

  public RecordRuleException(String field, String reason) {
    super(field, reason);
  }
}
