package org.rmbt.ledger.core.hash;

/**
 * Input that does not follow its format: names the field and says what is wrong with it. The base
 * of every checked decode failure in the ledger, so callers and the gRPC layer can report {@code
 * field: reason} without parsing message text.
 */
public class MalformedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  public MalformedException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  public MalformedException(String field, String reason, Throwable cause) {
    super(field + ": " + reason, cause);
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
