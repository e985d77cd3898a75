package org.rmbt.ledger.core.record;

/**
 * The envelope's signers may not make this record at this position: a key not valid there
 * (unregistered, revoked, rotated away, not yet valid), a missing role, too small a quorum, or too
 * few jurisdictions for a joint decision.
 */
public final class UnauthorizedSignerException extends RecordRejectedException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedSignerException(String field, String reason) {
    super(field, reason);
  }
}
