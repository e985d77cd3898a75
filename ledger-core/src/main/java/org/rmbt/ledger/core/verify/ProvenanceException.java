package org.rmbt.ledger.core.verify;

/**
 * A provenance bundle whose entries do not support what it claims: a gap in a subject's chain, an
 * entry the record rules refuse at its position (a signer without authority there, an unknown key,
 * a dangling reference), or a claimed status the entries do not give.
 */
public final class ProvenanceException extends LogVerificationException {
  private static final long serialVersionUID = 1L;

  private final String where;
  private final String why;

  /**
   * @param where the subject, entry or claim at fault, e.g. {@code "cert:EAI-2026-0001"}, {@code
   *     "entry 24"}, {@code "claims[0] (EAI-2026-0001)"}
   * @param why what is wrong there
   */
  public ProvenanceException(String where, String why) {
    super(where + ": " + why);
    this.where = where;
    this.why = why;
  }

  public ProvenanceException(String where, String why, Throwable cause) {
    super(where + ": " + why, cause);
    this.where = where;
    this.why = why;
  }

  public String where() {
    return where;
  }

  public String why() {
    return why;
  }
}
