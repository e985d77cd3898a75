package org.rmbt.ledger.node.grpc;

/** A well-formed request for something the log does not have (a hash, a checkpoint size). */
public class NotFoundException extends Exception {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String field, String what) {
    super(field + ": " + what);
  }
}
