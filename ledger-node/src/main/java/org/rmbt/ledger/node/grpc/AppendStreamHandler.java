package org.rmbt.ledger.node.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.rmbt.ledger.core.ledger.AppendResult;
import org.rmbt.ledger.proto.AppendError;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.AppendStreamResponse;

/**
 * One AppendStream call. Reads at most {@code window} requests ahead of the responses it has sent
 * (manual flow control), submits each envelope as it arrives, so entries of one stream batch
 * together, and answers each in request order. A refused entry gets an {@link AppendError} with the
 * status a unary Append would have had; the stream goes on.
 */
final class AppendStreamHandler implements StreamObserver<AppendRequest> {
  private final Function<AppendRequest, CompletableFuture<AppendResult>> submit;
  private final ServerCallStreamObserver<AppendStreamResponse> out;
  private final Executor executor;

  /** Completes once every response so far is sent; only touched on gRPC's serialized callbacks. */
  private CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);

  private AppendStreamHandler(
      Function<AppendRequest, CompletableFuture<AppendResult>> submit,
      ServerCallStreamObserver<AppendStreamResponse> out,
      Executor executor) {
    this.submit = submit;
    this.out = out;
    this.executor = executor;
  }

  static StreamObserver<AppendRequest> start(
      Function<AppendRequest, CompletableFuture<AppendResult>> submit,
      ServerCallStreamObserver<AppendStreamResponse> out,
      Executor executor,
      int window) {
    out.disableAutoRequest();
    // A cancelled client's queued appends still commit; their answers are simply dropped.
    out.setOnCancelHandler(() -> {});
    out.request(window);
    return new AppendStreamHandler(submit, out, executor);
  }

  @Override
  public void onNext(AppendRequest request) {
    CompletableFuture<AppendStreamResponse> response =
        submit.apply(request).handle(AppendStreamHandler::response);
    sent = sent.thenCombineAsync(response, (v, r) -> send(r), executor);
  }

  @Override
  public void onError(Throwable t) {
    // The client went away; nothing to answer.
  }

  @Override
  public void onCompleted() {
    sent.whenCompleteAsync(
        (v, e) -> {
          if (out.isCancelled()) {
            return;
          }
          if (e == null) {
            out.onCompleted();
          } else {
            out.onError(StatusMapper.toException(e));
          }
        },
        executor);
  }

  private Void send(AppendStreamResponse r) {
    if (!out.isCancelled()) {
      out.onNext(r);
      out.request(1);
    }
    return null;
  }

  private static AppendStreamResponse response(AppendResult r, Throwable e) {
    if (e == null) {
      return AppendStreamResponse.newBuilder().setAppended(Responses.appended(r)).build();
    }
    Status s = StatusMapper.toStatus(e);
    return AppendStreamResponse.newBuilder()
        .setError(
            AppendError.newBuilder()
                .setCode(s.getCode().value())
                .setMessage(s.getDescription() == null ? "" : s.getDescription()))
        .build();
  }
}
