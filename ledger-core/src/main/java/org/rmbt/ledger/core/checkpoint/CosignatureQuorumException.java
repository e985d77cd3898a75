package org.rmbt.ledger.core.checkpoint;

import org.rmbt.ledger.core.hash.VerificationException;

/** Fewer trusted witnesses cosigned a checkpoint than the reader's policy demands. */
public class CosignatureQuorumException extends VerificationException {
  private static final long serialVersionUID = 1L;

  private final int required;
  private final int found;

  public CosignatureQuorumException(int required, int found) {
    super("checkpoint has " + found + " witness cosignatures, quorum is " + required);
    this.required = required;
    this.found = found;
  }

  public int required() {
    return required;
  }

  public int found() {
    return found;
  }
}
