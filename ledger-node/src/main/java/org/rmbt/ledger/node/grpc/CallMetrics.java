package org.rmbt.ledger.node.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Map;
import org.rmbt.ledger.node.log.LogEvent;
import org.rmbt.ledger.node.metrics.NodeMetrics;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * Watches every call's end: proof calls' latency, and each call ended with an error, which is
 * counted and logged (one {@code request_rejected} line, with the method, code and reason).
 */
final class CallMetrics implements ServerInterceptor {
  private static final System.Logger LOG = System.getLogger(CallMetrics.class.getName());
  private static final Map<String, String> PROOFS =
      Map.of(
          LedgerServiceGrpc.getGetInclusionProofMethod().getFullMethodName(), "inclusion",
          LedgerServiceGrpc.getGetConsistencyProofMethod().getFullMethodName(), "consistency",
          LedgerServiceGrpc.getGetProofBundleMethod().getFullMethodName(), "bundle");

  private final NodeMetrics metrics;

  CallMetrics(NodeMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    long start = System.nanoTime();
    String method = call.getMethodDescriptor().getFullMethodName();
    String proof = PROOFS.get(method);
    ServerCall<Q, A> watched =
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            if (proof != null && status.isOk()) {
              metrics.proof(proof, System.nanoTime() - start);
            }
            if (!status.isOk()) {
              metrics.rejected(status.getCode().name());
              LOG.log(
                  System.Logger.Level.INFO,
                  LogEvent.of(
                      "request_rejected",
                      "method",
                      method,
                      "code",
                      status.getCode(),
                      "reason",
                      status.getDescription()));
            }
            super.close(status, trailers);
          }
        };
    return next.startCall(watched, headers);
  }
}
