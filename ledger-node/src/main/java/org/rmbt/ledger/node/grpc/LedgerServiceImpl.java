package org.rmbt.ledger.node.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.rmbt.ledger.core.checkpoint.NoteSignature;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.AppendResult;
import org.rmbt.ledger.core.ledger.LedgerView;
import org.rmbt.ledger.core.verify.BundleAssembler;
import org.rmbt.ledger.core.verify.ProofBundleCodec;
import org.rmbt.ledger.node.config.ServerLimits;
import org.rmbt.ledger.node.log.LogEvent;
import org.rmbt.ledger.node.metrics.NodeMetrics;
import org.rmbt.ledger.proto.AddCosignatureRequest;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.AppendResponse;
import org.rmbt.ledger.proto.AppendStreamResponse;
import org.rmbt.ledger.proto.CheckpointResponse;
import org.rmbt.ledger.proto.ConsistencyProofResponse;
import org.rmbt.ledger.proto.Entry;
import org.rmbt.ledger.proto.FollowRequest;
import org.rmbt.ledger.proto.FollowResponse;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.GetConsistencyProofRequest;
import org.rmbt.ledger.proto.GetEntriesRequest;
import org.rmbt.ledger.proto.GetEntryByHashRequest;
import org.rmbt.ledger.proto.GetInclusionProofRequest;
import org.rmbt.ledger.proto.GetProofBundleRequest;
import org.rmbt.ledger.proto.GetProofBundleResponse;
import org.rmbt.ledger.proto.InclusionProofResponse;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * The gRPC service: parse the request, call the core, build the response. Every failure goes
 * through {@link StatusMapper}. Unsigned request numbers arrive as Java longs, so a value above
 * 2^63 - 1 is negative here and the core refuses it as out of range.
 */
public final class LedgerServiceImpl extends LedgerServiceGrpc.LedgerServiceImplBase {
  private static final System.Logger LOG = System.getLogger(LedgerServiceImpl.class.getName());
  private final Appender appender;
  private final LedgerView view;
  private final BundleAssembler bundles;
  private final Cosignatures cosignatures;
  private final EntryStreamer streamer;
  private final Executor executor;
  private final ServerLimits limits;
  private final NodeMetrics metrics;

  /** Where appends go: the ledger on a primary; a replica refuses them. */
  @FunctionalInterface
  interface Appender {
    CompletableFuture<AppendResult> append(byte[] envelope) throws Exception;
  }

  LedgerServiceImpl(
      LedgerView view,
      Appender appender,
      String logKey,
      Cosignatures cosignatures,
      EntryStreamer streamer,
      Executor executor,
      ServerLimits limits,
      NodeMetrics metrics) {
    this(view, appender, logKey, cosignatures, streamer, executor, limits, metrics, List.of());
  }

  /**
   * @param anchorChains chains whose latest anchor receipt each proof bundle carries
   */
  LedgerServiceImpl(
      LedgerView view,
      Appender appender,
      String logKey,
      Cosignatures cosignatures,
      EntryStreamer streamer,
      Executor executor,
      ServerLimits limits,
      NodeMetrics metrics,
      List<Long> anchorChains) {
    this.appender = appender;
    this.view = view;
    this.bundles = new BundleAssembler(view, logKey, anchorChains);
    this.cosignatures = cosignatures;
    this.streamer = streamer;
    this.executor = executor;
    this.limits = limits;
    this.metrics = metrics;
  }

  @Override
  public void append(AppendRequest request, StreamObserver<AppendResponse> out) {
    ServerCallStreamObserver<AppendResponse> call = (ServerCallStreamObserver<AppendResponse>) out;
    // A client past its deadline is gone; its append still commits, the answer is dropped.
    call.setOnCancelHandler(() -> {});
    submit(request)
        .whenCompleteAsync(
            (r, e) -> {
              if (call.isCancelled()) {
                return;
              }
              if (e != null) {
                call.onError(StatusMapper.toException(e));
              } else {
                call.onNext(Responses.appended(r));
                call.onCompleted();
              }
            },
            executor);
  }

  @Override
  public StreamObserver<AppendRequest> appendStream(StreamObserver<AppendStreamResponse> out) {
    return AppendStreamHandler.start(
        this::submit,
        (ServerCallStreamObserver<AppendStreamResponse>) out,
        executor,
        limits.appendStreamWindow());
  }

  @Override
  public void getCheckpoint(GetCheckpointRequest request, StreamObserver<CheckpointResponse> out) {
    unary(out, () -> Responses.checkpoint(cosignatures.cosigned(checkpoint(request))));
  }

  @Override
  public void getEntries(GetEntriesRequest request, StreamObserver<Entry> out) {
    try {
      long size = view.latestCheckpoint().checkpoint().size();
      long from = request.getFrom();
      long count = Integer.toUnsignedLong(request.getCount());
      if (from < 0 || from > size) {
        throw new MalformedException("from", "must be in [0, " + size + "], got " + from);
      }
      if (count > limits.maxEntriesPerRequest() || count > size - from) {
        throw new MalformedException(
            "count", "at most " + Math.min(limits.maxEntriesPerRequest(), size - from));
      }
      streamer.range(from, from + count, (ServerCallStreamObserver<Entry>) out);
    } catch (Exception e) {
      out.onError(StatusMapper.toException(e));
    }
  }

  @Override
  public void getEntryByHash(GetEntryByHashRequest request, StreamObserver<Entry> out) {
    unary(
        out,
        () -> {
          Hash h = Hash.decode("hash", request.getHash().toByteArray());
          long i =
              view.indexOf(h)
                  .orElseThrow(() -> new NotFoundException("hash", "no entry has this hash"));
          return Responses.entry(i, view.entries(i, 1).get(0));
        });
  }

  @Override
  public void getInclusionProof(
      GetInclusionProofRequest request, StreamObserver<InclusionProofResponse> out) {
    unary(
        out,
        () -> {
          long size = orLatest(request.getSize());
          return InclusionProofResponse.newBuilder()
              .setIndex(request.getIndex())
              .setSize(size)
              .addAllHashes(Responses.hashes(view.inclusionProof(request.getIndex(), size)))
              .build();
        });
  }

  @Override
  public void getConsistencyProof(
      GetConsistencyProofRequest request, StreamObserver<ConsistencyProofResponse> out) {
    unary(
        out,
        () -> {
          long size2 = orLatest(request.getSize2());
          return ConsistencyProofResponse.newBuilder()
              .setSize1(request.getSize1())
              .setSize2(size2)
              .addAllHashes(Responses.hashes(view.consistencyProof(request.getSize1(), size2)))
              .build();
        });
  }

  @Override
  public void follow(FollowRequest request, StreamObserver<FollowResponse> out) {
    long size = view.latestCheckpoint().checkpoint().size();
    long from = request.getFromIndex();
    if (from < 0 || from > size) {
      out.onError(
          StatusMapper.toException(
              new MalformedException(
                  "from_index", "must be in [0, " + size + "] (the log's size), got " + from)));
      return;
    }
    // Pages no larger than this node's own message size limit, whatever the client asks for.
    long asked = Integer.toUnsignedLong(request.getMaxPageBytes());
    int pageBytes = (int) Math.min(asked, limits.maxInboundMessageBytes());
    streamer.follow(from, pageBytes, (ServerCallStreamObserver<FollowResponse>) out);
  }

  @Override
  public void addCosignature(
      AddCosignatureRequest request, StreamObserver<CheckpointResponse> out) {
    unary(
        out,
        () -> {
          NoteSignature sig = Cosignatures.parseLine("signature_line", request.getSignatureLine());
          SignedCheckpoint base = checkpointAt("size", request.getSize());
          return Responses.checkpoint(cosignatures.add("signature_line", base, sig));
        });
  }

  @Override
  public void getProofBundle(
      GetProofBundleRequest request, StreamObserver<GetProofBundleResponse> out) {
    unary(
        out,
        () -> {
          if (request.getIndexesCount() > limits.maxEntriesPerRequest()) {
            throw new MalformedException(
                "indexes", "at most " + limits.maxEntriesPerRequest() + " per bundle");
          }
          TreeSet<Long> indexes = new TreeSet<>(request.getIndexesList());
          TreeSet<Long> earlier = new TreeSet<>(request.getEarlierSizesList());
          String json = ProofBundleCodec.encode(bundles.assemble(indexes, earlier));
          return GetProofBundleResponse.newBuilder().setBundleJson(json).build();
        });
  }

  private CompletableFuture<AppendResult> submit(AppendRequest request) {
    long start = System.nanoTime();
    CompletableFuture<AppendResult> appended;
    try {
      AppendRateLimiter.acquire();
      appended = appender.append(request.getEnvelope().toByteArray());
    } catch (Exception e) {
      appended = CompletableFuture.failedFuture(e);
    }
    return appended.whenComplete((r, e) -> observe(System.nanoTime() - start, r, e));
  }

  private void observe(long nanos, AppendResult r, Throwable e) {
    if (r != null) {
      metrics.appended(nanos, false, r.duplicate(), r.checkpoint().checkpoint().size());
      return;
    }
    metrics.appended(nanos, true, false, -1);
    Status s = StatusMapper.toStatus(e);
    LOG.log(
        System.Logger.Level.INFO,
        LogEvent.of("append_failed", "code", s.getCode(), "reason", s.getDescription()));
  }

  private SignedCheckpoint checkpoint(GetCheckpointRequest request) throws Exception {
    return request.hasSize() ? checkpointAt("size", request.getSize()) : view.latestCheckpoint();
  }

  private SignedCheckpoint checkpointAt(String field, long size) throws Exception {
    if (size < 0) {
      throw new MalformedException(field, "out of range");
    }
    return view.checkpoint(size)
        .orElseThrow(() -> new NotFoundException(field, "no checkpoint signed at " + size));
  }

  private long orLatest(long size) {
    return size == 0 ? view.latestCheckpoint().checkpoint().size() : size;
  }

  /** Runs a request's body and sends its one response, or the mapped status. */
  static <T> void unary(StreamObserver<T> out, Body<T> body) {
    T response;
    try {
      response = body.run();
    } catch (Exception e) {
      out.onError(StatusMapper.toException(e));
      return;
    }
    out.onNext(response);
    out.onCompleted();
  }

  @FunctionalInterface
  interface Body<T> {
    T run() throws Exception;
  }
}
