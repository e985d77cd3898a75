package org.rmbt.ledger.core.record;

import org.rmbt.ledger.core.hash.VerificationException;

/**
 * A well-formed record the log refuses at its position: the field it concerns and the rule it
 * breaks. Callers branch on the subclass: {@link UnauthorizedSignerException} (PERMISSION_DENIED)
 * or {@link RecordRuleException} (FAILED_PRECONDITION).
 */
public abstract class RecordRejectedException extends VerificationException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  protected RecordRejectedException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
