package org.rmbt.ledger.node.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.rmbt.ledger.node.replica.ReplicaBench.*;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.node.grpc.LedgerServer;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.AppendResponse;
import org.rmbt.ledger.proto.CheckpointResponse;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.GetConsistencyProofRequest;
import org.rmbt.ledger.proto.GetEntriesRequest;
import org.rmbt.ledger.proto.GetInclusionProofRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/** A primary and two replicas in one JVM: catch-up, live follow, restarts, identical proofs. */
class ReplicaFollowTest {
  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    channels.forEach(ManagedChannel::shutdownNow);
  }

  @Test
  void twoReplicasCatchUpFollowLiveSurviveRestartsAndServeIdenticalProofs() throws Exception {
    int primaryPort = freePort();
    LedgerServer primary = LedgerServer.start(primaryConfig(dir.resolve("p"), primaryPort));
    append(primaryPort, 0, 400);
    ReplicaNode a = replica("a", primaryPort, W1);
    ReplicaNode b = replica("b", primaryPort, W2);
    awaitSize(a, 400);
    awaitSize(b, 400);

    // Live follow under load: appends keep arriving while both replicas follow.
    append(primaryPort, 400, 600);
    awaitSize(a, 1000);
    awaitSize(b, 1000);
    assertIdentical(primaryPort, a.port(), 1000);
    assertIdentical(primaryPort, b.port(), 1000);
    awaitCosigned(primaryPort, 1000);

    // Restart of a replica: it resumes from its own size.
    a.close();
    open.remove(a);
    append(primaryPort, 1000, 200);
    ReplicaNode a2 = replica("a", primaryPort, W1);
    awaitSize(a2, 1200);
    awaitSize(b, 1200);

    // The primary goes away and comes back on the same port: replicas reconnect with backoff.
    primary.close();
    open.remove(primary);
    TimeUnit.MILLISECONDS.sleep(300);
    open.add(LedgerServer.start(primaryConfig(dir.resolve("p"), primaryPort)));
    append(primaryPort, 1200, 100);
    awaitSize(a2, 1300);
    awaitSize(b, 1300);
    assertIdentical(primaryPort, a2.port(), 1300);
    awaitCosigned(primaryPort, 1300);
    assertThat(a2.frozen()).isFalse();
    assertThat(b.frozen()).isFalse();
  }

  @Test
  void replicaRefusesAppendsAndAnswersUnavailableBeforeItsFirstCheckpoint() throws Exception {
    int primaryPort = freePort();
    open.add(LedgerServer.start(primaryConfig(dir.resolve("p"), primaryPort)));
    ReplicaNode a = replica("a", primaryPort, W1);
    LedgerServiceGrpc.LedgerServiceBlockingStub stub = stub(a.port());
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                stub.append(
                    AppendRequest.newBuilder()
                        .setEnvelope(ByteString.copyFrom(envelope(1)))
                        .build()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    append(primaryPort, 0, 3);
    awaitSize(a, 3);
    assertThat(stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance()).getSize())
        .isEqualTo(3);
  }

  private ReplicaNode replica(
      String name, int primaryPort, org.rmbt.ledger.core.checkpoint.SignerKey w) throws Exception {
    Path d = dir.resolve(name);
    ReplicaNode r = ReplicaNode.start(replicaConfig(d), replicaOf(primaryPort, d, Optional.of(w)));
    open.add(r);
    return r;
  }

  private void append(int port, long from, int count) throws Exception {
    LedgerServiceGrpc.LedgerServiceFutureStub stub =
        LedgerServiceGrpc.newFutureStub(track(channel(port)));
    List<ListenableFuture<AppendResponse>> futures = new ArrayList<>();
    for (long i = from; i < from + count; i++) {
      futures.add(
          stub.withDeadlineAfter(60, TimeUnit.SECONDS)
              .append(
                  AppendRequest.newBuilder()
                      .setEnvelope(ByteString.copyFrom(envelope(i)))
                      .build()));
    }
    for (ListenableFuture<AppendResponse> f : futures) {
      f.get();
    }
  }

  private void awaitSize(ReplicaNode r, long size) throws Exception {
    ManagedChannel ch = track(channel(r.port()));
    await(
        "replica at size " + size,
        Duration.ofSeconds(60),
        () -> {
          try {
            return LedgerServiceGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getCheckpoint(GetCheckpointRequest.getDefaultInstance())
                    .getSize()
                >= size;
          } catch (StatusRuntimeException e) {
            return false;
          }
        });
  }

  private void awaitCosigned(int primaryPort, long size) throws Exception {
    ManagedChannel ch = track(channel(primaryPort));
    await(
        "two cosignatures at " + size,
        Duration.ofSeconds(30),
        () -> {
          CheckpointResponse r =
              LedgerServiceGrpc.newBlockingStub(ch)
                  .withDeadlineAfter(5, TimeUnit.SECONDS)
                  .getCheckpoint(GetCheckpointRequest.newBuilder().setSize(size).build());
          try {
            SignedCheckpoint cp =
                SignedCheckpoint.open(
                    r.getNote().toByteArray(),
                    ORIGIN,
                    LOG_KEY.verifierKey(),
                    List.of(cosigner(W1).verifierKey(), cosigner(W2).verifierKey()));
            return cp.cosignatures().size() == 2;
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  /** Same entries, same proofs, same signed checkpoint body for every size checked. */
  private void assertIdentical(int primaryPort, int replicaPort, long size) {
    LedgerServiceGrpc.LedgerServiceBlockingStub p = stub(primaryPort);
    LedgerServiceGrpc.LedgerServiceBlockingStub r = stub(replicaPort);
    GetEntriesRequest entries = GetEntriesRequest.newBuilder().setFrom(0).setCount(100).build();
    assertThat(collect(r.getEntries(entries))).isEqualTo(collect(p.getEntries(entries)));
    for (long i : new long[] {0, 1, 37, size / 2, size - 1}) {
      GetInclusionProofRequest q =
          GetInclusionProofRequest.newBuilder().setIndex(i).setSize(size).build();
      assertThat(r.getInclusionProof(q)).isEqualTo(p.getInclusionProof(q));
    }
    for (long s1 : new long[] {1, 5, size / 3, size}) {
      GetConsistencyProofRequest q =
          GetConsistencyProofRequest.newBuilder().setSize1(s1).setSize2(size).build();
      assertThat(r.getConsistencyProof(q)).isEqualTo(p.getConsistencyProof(q));
    }
    GetCheckpointRequest cq = GetCheckpointRequest.newBuilder().setSize(size).build();
    CheckpointResponse rc = r.getCheckpoint(cq);
    CheckpointResponse pc = p.getCheckpoint(cq);
    assertThat(rc.getRoot()).isEqualTo(pc.getRoot());
    // The primary's note carries the witnesses' cosignatures after the log's line; the replica
    // serves the log-signed note exactly as the primary stored it.
    assertThat(pc.getNote().startsWith(rc.getNote())).isTrue();
  }

  private static <T> List<T> collect(java.util.Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private LedgerServiceGrpc.LedgerServiceBlockingStub stub(int port) {
    return LedgerServiceGrpc.newBlockingStub(track(channel(port)))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private ManagedChannel track(ManagedChannel c) {
    channels.add(c);
    return c;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
