package org.rmbt.ledger.node.replica;

import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Optional;
import org.rmbt.ledger.node.grpc.StatusMapper;
import org.rmbt.ledger.proto.GetForkEvidenceRequest;
import org.rmbt.ledger.proto.GetForkEvidenceResponse;
import org.rmbt.ledger.proto.ReplicaServiceGrpc;

/** GetForkEvidence: the evidence file as stored, so that anyone can check it offline. */
final class ReplicaService extends ReplicaServiceGrpc.ReplicaServiceImplBase {
  private final ForkEvidenceStore evidence;

  ReplicaService(ForkEvidenceStore evidence) {
    this.evidence = evidence;
  }

  @Override
  public void getForkEvidence(
      GetForkEvidenceRequest request, StreamObserver<GetForkEvidenceResponse> out) {
    Optional<String> json;
    try {
      json = evidence.read();
    } catch (IOException e) {
      out.onError(StatusMapper.toException(e));
      return;
    }
    out.onNext(
        GetForkEvidenceResponse.newBuilder()
            .setFrozen(json.isPresent())
            .setEvidenceJson(json.orElse(""))
            .build());
    out.onCompleted();
  }
}
