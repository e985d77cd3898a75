package org.rmbt.ledger.node.grpc;

/** An append sent to a replica: only the primary sequences entries. */
final class ReadOnlyNodeException extends Exception {
  private static final long serialVersionUID = 1L;

  ReadOnlyNodeException() {
    super("this node is a read-only replica; append to the primary");
  }
}
