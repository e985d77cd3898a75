package org.rmbt.ledger.node.grpc;

import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.CompliancePolicy;
import org.rmbt.ledger.core.ledger.LedgerView;
import org.rmbt.ledger.core.record.CertificateStatus;
import org.rmbt.ledger.core.record.CertificateStatusCalculator;
import org.rmbt.ledger.core.record.DecisionAtIndex;
import org.rmbt.ledger.core.verify.ProofBundleCodec;
import org.rmbt.ledger.core.verify.ProvenanceAssembler;
import org.rmbt.ledger.proto.CertificateStatusResponse;
import org.rmbt.ledger.proto.GetCertificateStatusRequest;
import org.rmbt.ledger.proto.GetProofBundleResponse;
import org.rmbt.ledger.proto.GetProvenanceBundleRequest;
import org.rmbt.ledger.proto.ModelRef;
import org.rmbt.ledger.proto.QuerySubjectRequest;
import org.rmbt.ledger.proto.QuerySubjectResponse;
import org.rmbt.ledger.proto.RecordServiceGrpc;

/**
 * The record views of a compliance node: subject queries, certificate status and provenance
 * bundles, all as of the latest checkpoint. Status is computed from the decisions each time.
 */
final class RecordQueries extends RecordServiceGrpc.RecordServiceImplBase {
  private static final int MAX_SUBJECT_ENTRIES = 1000;

  private final LedgerView view;
  private final CompliancePolicy policy;
  private final ProvenanceAssembler provenance;
  private final LongSupplier clock;

  /**
   * @param anchorChains chains the node anchors to: each provenance bundle carries their latest
   *     anchors
   */
  RecordQueries(
      LedgerView view,
      CompliancePolicy policy,
      String logKey,
      List<Long> anchorChains,
      LongSupplier clock) {
    this.view = view;
    this.policy = policy;
    this.provenance = new ProvenanceAssembler(view, logKey, anchorChains);
    this.clock = clock;
  }

  @Override
  public void querySubject(QuerySubjectRequest request, StreamObserver<QuerySubjectResponse> out) {
    LedgerServiceImpl.unary(
        out,
        () -> {
          String subject = request.getSubject();
          if (subject.isEmpty()) {
            throw new MalformedException("subject", "required");
          }
          int limit = request.getLimit() == 0 ? MAX_SUBJECT_ENTRIES : request.getLimit();
          if (limit > MAX_SUBJECT_ENTRIES) {
            throw new MalformedException("limit", "at most " + MAX_SUBJECT_ENTRIES);
          }
          long size = view.latestCheckpoint().checkpoint().size();
          return QuerySubjectResponse.newBuilder()
              .addAllIndexes(view.entriesAbout(subject, request.getFromIndex(), limit))
              .setTreeSize(size)
              .build();
        });
  }

  @Override
  public void getCertificateStatus(
      GetCertificateStatusRequest request, StreamObserver<CertificateStatusResponse> out) {
    LedgerServiceImpl.unary(
        out,
        () -> {
          String id = request.getCertificateId();
          if (id.isEmpty()) {
            throw new MalformedException("certificate_id", "required");
          }
          long size = view.latestCheckpoint().checkpoint().size();
          long asOf = asOf(request.getAsOfMillis());
          List<DecisionAtIndex> decisions =
              policy.state().decisions(id).stream().filter(d -> d.index() < size).toList();
          CertificateStatus status =
              CertificateStatusCalculator.statusAt(decisions, size, asOf)
                  .orElseThrow(
                      () -> new NotFoundException("certificate_id", "no decision about " + id));
          return CertificateStatusResponse.newBuilder()
              .setCertificateId(id)
              .setStatus(status.name())
              .setTreeSize(size)
              .setAsOfMillis(asOf)
              .addAllDecisionIndexes(decisions.stream().map(DecisionAtIndex::index).toList())
              .build();
        });
  }

  @Override
  public void getProvenanceBundle(
      GetProvenanceBundleRequest request, StreamObserver<GetProofBundleResponse> out) {
    LedgerServiceImpl.unary(
        out,
        () -> {
          if (request.getModelId().isEmpty()) {
            throw new MalformedException("model_id", "required");
          }
          long asOf = asOf(request.getAsOfMillis());
          var bundle =
              request.getVersion().isEmpty()
                  ? provenance.forModel(policy.state(), request.getModelId(), asOf, new TreeSet<>())
                  : provenance.forVersion(
                      policy.state(),
                      ModelRef.newBuilder()
                          .setModelId(request.getModelId())
                          .setVersion(request.getVersion())
                          .build(),
                      asOf,
                      new TreeSet<>());
          return GetProofBundleResponse.newBuilder()
              .setBundleJson(ProofBundleCodec.encode(bundle))
              .build();
        });
  }

  private long asOf(long requested) throws MalformedException {
    if (requested < 0) {
      throw new MalformedException("as_of_millis", "must be >= 0");
    }
    return requested == 0 ? clock.getAsLong() : requested;
  }
}
