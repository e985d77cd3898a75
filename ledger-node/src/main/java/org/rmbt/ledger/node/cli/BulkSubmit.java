package org.rmbt.ledger.node.cli;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.AppendResponse;
import org.rmbt.ledger.proto.AppendStreamResponse;

/**
 * Many appends over one AppendStream, sent as fast as gRPC flow control allows. Responses come in
 * request order; a refused entry is reported and the rest go on. The exit code is the worst one.
 */
final class BulkSubmit {
  /** A bulk stream's deadline: the per-call one, plus a second per this many files. */
  private static final int FILES_PER_EXTRA_SECOND = 50;

  private final SubmitCommand command;
  private final NodeClient node;

  BulkSubmit(SubmitCommand command, NodeClient node) {
    this.command = command;
    this.node = node;
  }

  int run(List<AppendRequest> requests) throws Exception {
    Progress progress = new Progress("submit", requests.size(), command.client.json);
    Results results = new Results(requests, progress);
    long seconds = command.client.deadlineSeconds + requests.size() / FILES_PER_EXTRA_SECOND;
    node.async().withDeadlineAfter(seconds, TimeUnit.SECONDS).appendStream(results);
    try {
      results.done.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    progress.done();
    if (results.last != null && !command.client.json) {
      System.out.print(results.last.getCheckpoint().toString(StandardCharsets.UTF_8));
    }
    return results.exit;
  }

  /** Sends while the stream is ready; prints each response as it arrives. */
  private final class Results
      implements ClientResponseObserver<AppendRequest, AppendStreamResponse> {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final List<AppendRequest> requests;
    private final Progress progress;
    private int sent;
    private int received;
    int exit = Rmbt.OK;
    AppendResponse last;

    Results(List<AppendRequest> requests, Progress progress) {
      this.requests = requests;
      this.progress = progress;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<AppendRequest> out) {
      out.setOnReadyHandler(
          () -> {
            synchronized (this) {
              while (out.isReady() && sent < requests.size()) {
                out.onNext(requests.get(sent++));
              }
              if (sent == requests.size()) {
                sent++; // half-close once
                out.onCompleted();
              }
            }
          });
    }

    @Override
    public synchronized void onNext(AppendStreamResponse r) {
      Path file = command.files.get(received++);
      if (r.hasAppended()) {
        last = r.getAppended();
        command.print(file, last, false);
      } else {
        Status.Code code = Status.fromCodeValue(r.getError().getCode()).getCode();
        exit = Math.max(exit, Rmbt.exitCode(code));
        String why = code.name().toLowerCase(Locale.ROOT);
        Report.fail(
            command.client.json, Rmbt.exitCode(code), why, file + ": " + r.getError().getMessage());
      }
      progress.update(received);
    }

    @Override
    public void onError(Throwable t) {
      done.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      done.complete(null);
    }
  }
}
