package org.rmbt.ledger.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.AppendStreamResponse;
import org.rmbt.ledger.proto.CheckpointResponse;
import org.rmbt.ledger.proto.FollowRequest;
import org.rmbt.ledger.proto.FollowResponse;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.GetEntriesRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/** AppendStream from several clients, Follow as the log grows, and restart. */
class StreamingTest {
  @TempDir Path dir;

  @Test
  void severalClientsStreamAppendsAtOnceEachAnsweredInOrder() throws Exception {
    int clients = 4;
    int perClient = 60;
    try (TestNode node = TestNode.start(dir)) {
      List<CompletableFuture<List<AppendStreamResponse>>> runs = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        List<AppendRequest> reqs = new ArrayList<>();
        for (int i = 0; i < perClient; i++) {
          reqs.add(TestNode.append(c * 1000L + i));
        }
        // One garbage entry mid-stream: refused on its own, the stream goes on.
        reqs.add(perClient / 2, AppendRequest.newBuilder().setEnvelope(ByteString.EMPTY).build());
        runs.add(stream(LedgerServiceGrpc.newStub(node.channel()), reqs));
      }
      long total = 0;
      for (CompletableFuture<List<AppendStreamResponse>> run : runs) {
        List<AppendStreamResponse> rs = run.get(60, TimeUnit.SECONDS);
        assertThat(rs).hasSize(perClient + 1);
        AppendStreamResponse bad = rs.get(perClient / 2);
        assertThat(bad.hasError()).isTrue();
        assertThat(bad.getError().getCode())
            .isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT.value());
        assertThat(bad.getError().getMessage()).startsWith("envelope");
        long last = -1;
        for (AppendStreamResponse r : rs) {
          if (r.hasAppended()) {
            assertThat(r.getAppended().getIndex()).isGreaterThan(last);
            last = r.getAppended().getIndex();
            total++;
          }
        }
      }
      assertThat(total).isEqualTo((long) clients * perClient);
      CheckpointResponse cp =
          node.blocking().getCheckpoint(GetCheckpointRequest.getDefaultInstance());
      assertThat(cp.getSize()).isEqualTo(total);
    }
  }

  @Test
  void followGetsOldEntriesThenOnesAppendedAfterItStarted() throws Exception {
    try (TestNode node = TestNode.start(dir)) {
      var stub = node.blocking();
      for (int i = 0; i < 3; i++) {
        stub.append(TestNode.append(i));
      }
      List<FollowResponse> seen = new CopyOnWriteArrayList<>();
      Context.CancellableContext ctx = Context.current().withCancellation();
      CompletableFuture<Void> reachedSix = new CompletableFuture<>();
      ctx.run(
          () ->
              LedgerServiceGrpc.newStub(node.channel())
                  .follow(
                      FollowRequest.newBuilder().setFromIndex(1).build(),
                      collect(seen, reachedSix)));
      for (int i = 3; i < 7; i++) {
        stub.append(TestNode.append(i));
      }
      reachedSix.get(30, TimeUnit.SECONDS);
      ctx.cancel(null);
      List<Long> indexes = new ArrayList<>();
      long lastCheckpoint = 0;
      for (FollowResponse r : seen) {
        if (r.hasEntry()) {
          indexes.add(r.getEntry().getIndex());
          assertThat(r.getEntry().getIndex()).isGreaterThanOrEqualTo(lastCheckpoint);
        } else {
          // A checkpoint comes after every entry it covers.
          lastCheckpoint = r.getCheckpoint().getSize();
          assertThat(lastCheckpoint).isEqualTo(indexes.get(indexes.size() - 1) + 1);
          TestNode.open(r.getCheckpoint().getNote());
        }
      }
      assertThat(indexes).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }
  }

  @Test
  void restartKeepsEntriesCheckpointsAndContinuesTheLog() throws Exception {
    CheckpointResponse before;
    try (TestNode node = TestNode.start(dir)) {
      var stub = node.blocking();
      for (int i = 0; i < 10; i++) {
        stub.append(TestNode.append(i));
      }
      before = stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance());
    }
    try (TestNode node = TestNode.start(dir)) {
      var stub = node.blocking();
      assertThat(stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance())).isEqualTo(before);
      Iterator<?> entries =
          stub.getEntries(GetEntriesRequest.newBuilder().setFrom(0).setCount(10).build());
      int n = 0;
      while (entries.hasNext()) {
        entries.next();
        n++;
      }
      assertThat(n).isEqualTo(10);
      assertThat(stub.append(TestNode.append(3)).getDuplicate()).isTrue();
      assertThat(stub.append(TestNode.append(10)).getIndex()).isEqualTo(10);
    }
  }

  @Test
  void shutdownEndsOpenFollowStreamsWithUnavailable() throws Exception {
    TestNode node = TestNode.start(dir);
    node.blocking().append(TestNode.append(0));
    CompletableFuture<Void> ended = new CompletableFuture<>();
    LedgerServiceGrpc.newStub(node.channel())
        .follow(FollowRequest.getDefaultInstance(), collect(new ArrayList<>(), ended));
    Thread.sleep(300);
    long t0 = System.nanoTime();
    node.close();
    assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
    assertThat(ended)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableThat()
        .withMessageContaining("UNAVAILABLE");
  }

  private static StreamObserver<FollowResponse> collect(
      List<FollowResponse> seen, CompletableFuture<Void> reachedSix) {
    return new StreamObserver<>() {
      @Override
      public void onNext(FollowResponse r) {
        seen.add(r);
        if (r.hasCheckpoint() && r.getCheckpoint().getSize() == 7) {
          reachedSix.complete(null);
        }
      }

      @Override
      public void onError(Throwable t) {
        reachedSix.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        reachedSix.completeExceptionally(new AssertionError("follow ended"));
      }
    };
  }

  private static CompletableFuture<List<AppendStreamResponse>> stream(
      LedgerServiceGrpc.LedgerServiceStub stub, List<AppendRequest> requests) {
    CompletableFuture<List<AppendStreamResponse>> done = new CompletableFuture<>();
    List<AppendStreamResponse> got = new CopyOnWriteArrayList<>();
    StreamObserver<AppendRequest> in =
        stub.appendStream(
            new StreamObserver<>() {
              @Override
              public void onNext(AppendStreamResponse r) {
                got.add(r);
              }

              @Override
              public void onError(Throwable t) {
                done.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {
                done.complete(got);
              }
            });
    requests.forEach(in::onNext);
    in.onCompleted();
    return done;
  }
}
