package org.rmbt.ledger.node.grpc;

import org.rmbt.ledger.core.hash.VerificationException;

/** A cosignature by a witness key the node is not configured to accept. */
public class UnknownWitnessException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public UnknownWitnessException(String field, String witness) {
    super(field + ": witness " + witness + " is not a configured witness key");
  }
}
