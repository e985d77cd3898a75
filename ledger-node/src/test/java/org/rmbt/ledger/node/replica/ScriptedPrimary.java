package org.rmbt.ledger.node.replica;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.rmbt.ledger.proto.AddCosignatureRequest;
import org.rmbt.ledger.proto.CheckpointResponse;
import org.rmbt.ledger.proto.Entry;
import org.rmbt.ledger.proto.FollowRequest;
import org.rmbt.ledger.proto.FollowResponse;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * A test-only primary that serves what the test scripts: for each Follow start index, a list of
 * entries and checkpoint notes; an index without a script is refused as past the log's end, as a
 * smaller primary would. Records every cosignature it is sent.
 */
final class ScriptedPrimary extends LedgerServiceGrpc.LedgerServiceImplBase
    implements AutoCloseable {
  final Map<Long, List<FollowResponse>> scripts = new ConcurrentHashMap<>();
  final List<AddCosignatureRequest> cosignatures = new CopyOnWriteArrayList<>();
  final AtomicInteger follows = new AtomicInteger();
  volatile byte[] latestNote = new byte[0];
  private final Server server;

  ScriptedPrimary() throws Exception {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(this)
            .build()
            .start();
  }

  int port() {
    return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  static FollowResponse entry(long index, byte[] bytes) {
    return FollowResponse.newBuilder()
        .setEntry(Entry.newBuilder().setIndex(index).setEntry(ByteString.copyFrom(bytes)))
        .build();
  }

  static FollowResponse checkpoint(byte[] note) {
    return FollowResponse.newBuilder()
        .setCheckpoint(CheckpointResponse.newBuilder().setNote(ByteString.copyFrom(note)))
        .build();
  }

  @Override
  public void follow(FollowRequest request, StreamObserver<FollowResponse> out) {
    follows.incrementAndGet();
    List<FollowResponse> script = scripts.get(request.getFromIndex());
    if (script == null) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("from_index").asRuntimeException());
      return;
    }
    script.forEach(out::onNext);
    out.onCompleted();
  }

  @Override
  public void getCheckpoint(GetCheckpointRequest request, StreamObserver<CheckpointResponse> out) {
    out.onNext(CheckpointResponse.newBuilder().setNote(ByteString.copyFrom(latestNote)).build());
    out.onCompleted();
  }

  @Override
  public void addCosignature(
      AddCosignatureRequest request, StreamObserver<CheckpointResponse> out) {
    cosignatures.add(request);
    out.onNext(CheckpointResponse.getDefaultInstance());
    out.onCompleted();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
