package org.rmbt.ledger.node.cli;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.LedgerServiceGrpc;
import org.rmbt.ledger.proto.RecordServiceGrpc;

/** A connection to a node for one command; closing it closes the channel. */
final class NodeClient implements AutoCloseable {
  private final ClientOptions options;
  private final ManagedChannel channel;

  private NodeClient(ClientOptions options, ManagedChannel channel) {
    this.options = options;
    this.channel = channel;
  }

  static NodeClient open(ClientOptions options) throws MalformedException, IOException {
    return new NodeClient(options, options.channel());
  }

  /** A stub whose calls each get the {@code --deadline-seconds} deadline, counted from now. */
  LedgerServiceGrpc.LedgerServiceBlockingStub blocking() {
    return options.blocking(channel);
  }

  /** Without a deadline: for streams that last as long as the caller wants. */
  LedgerServiceGrpc.LedgerServiceBlockingStub unbounded() {
    return LedgerServiceGrpc.newBlockingStub(channel);
  }

  /** The compliance record views, with the {@code --deadline-seconds} deadline. */
  RecordServiceGrpc.RecordServiceBlockingStub records() {
    return RecordServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(options.deadlineSeconds, TimeUnit.SECONDS);
  }

  LedgerServiceGrpc.LedgerServiceStub async() {
    return LedgerServiceGrpc.newStub(channel)
        .withDeadlineAfter(options.deadlineSeconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
