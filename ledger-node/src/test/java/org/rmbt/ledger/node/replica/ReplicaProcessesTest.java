package org.rmbt.ledger.node.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.rmbt.ledger.node.replica.ReplicaBench.*;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.checkpoint.CosignatureQuorumException;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.AppendResponse;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.GetConsistencyProofRequest;
import org.rmbt.ledger.proto.GetEntriesRequest;
import org.rmbt.ledger.proto.GetInclusionProofRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;
import org.rmbt.ledger.proto.LedgerServiceGrpc.LedgerServiceBlockingStub;

/**
 * A primary and two replicas, each {@code rmbt node} in its own JVM on loopback: catch-up, live
 * follow under load, SIGKILL and SIGTERM restarts of every node, identical proofs from all three,
 * and both replicas' cosignatures on the primary's checkpoint meeting a k-of-n witness policy.
 */
class ReplicaProcessesTest {
  private static final SignerKey W3 = SignerKey.of("witness-three.example", key(15));

  @TempDir Path dir;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
  private final ExecutorService appender = Executors.newSingleThreadExecutor();
  private NodeProcess primary;
  private NodeProcess a;
  private NodeProcess b;

  @AfterEach
  void destroyAll() throws Exception {
    try {
      appender.shutdownNow();
      channels.forEach(ManagedChannel::shutdownNow);
    } finally {
      for (NodeProcess n : nodes) {
        n.close();
      }
    }
  }

  @Test
  void primaryAndTwoReplicasInSeparateProcesses() throws Exception {
    primary = startPrimary("0");
    append(0, 300);
    // Catch-up: the log is there before the replicas are.
    a = startReplica("a", W1);
    b = startReplica("b", W2);
    awaitSize(a, 300);
    awaitSize(b, 300);

    // Live follow under load: appends keep coming while both replicas follow.
    Future<?> load = appender.submit(() -> append(300, 600));
    awaitSize(a, 900);
    awaitSize(b, 900);
    load.get(120, TimeUnit.SECONDS);

    killReplicaAndPrimary();
    restartPrimaryOnItsPort();
    restartReplicaB();

    assertIdentical(1150);
    assertCosignedByBoth(1150);
  }

  /**
   * SIGKILL replica a, grow the log, SIGKILL the primary; a comes back while the primary is away:
   * it serves exactly what it had made durable and keeps retrying.
   */
  private void killReplicaAndPrimary() throws Exception {
    a.kill();
    append(900, 100);
    awaitSize(b, 1000);
    primary.kill();
    a = startReplica("a", W1);
    assertThat(stub(a).getCheckpoint(GetCheckpointRequest.getDefaultInstance()).getSize())
        .as("replica a resumes from its own durable size")
        .isEqualTo(900);
    await(
        "replica a retrying while the primary is away",
        Duration.ofSeconds(60),
        () -> output(a).contains("replica: primary stream ended"));
  }

  /** The primary on the same data dir and port: both replicas reconnect (with backoff). */
  private void restartPrimaryOnItsPort() throws Exception {
    primary = startPrimary(Integer.toString(primary.port()));
    awaitSize(a, 1000);
    append(1000, 100);
    awaitSize(a, 1100);
    awaitSize(b, 1100);
  }

  /** SIGTERM replica b, grow the log, restart b: it catches up from where it stopped. */
  private void restartReplicaB() throws Exception {
    b.stop();
    append(1100, 50);
    b = startReplica("b", W2);
    awaitSize(b, 1150);
    awaitSize(a, 1150);
  }

  /** Entries, inclusion and consistency proofs and checkpoints: byte for byte the same. */
  private void assertIdentical(long size) throws Exception {
    LedgerServiceBlockingStub p = stub(primary);
    for (NodeProcess r : List.of(a, b)) {
      LedgerServiceBlockingStub s = stub(r);
      for (long from = 0; from < size; from += 500) {
        var q =
            GetEntriesRequest.newBuilder()
                .setFrom(from)
                .setCount((int) Math.min(500, size - from))
                .build();
        assertThat(collect(s.getEntries(q))).isEqualTo(collect(p.getEntries(q)));
      }
      for (long i : new long[] {0, 1, 299, 900, size / 2, size - 1}) {
        var q = GetInclusionProofRequest.newBuilder().setIndex(i).setSize(size).build();
        assertThat(s.getInclusionProof(q).toByteArray())
            .isEqualTo(p.getInclusionProof(q).toByteArray());
      }
      for (long s1 : new long[] {1, 300, 900, 1000, size - 1}) {
        var q = GetConsistencyProofRequest.newBuilder().setSize1(s1).setSize2(size).build();
        assertThat(s.getConsistencyProof(q).toByteArray())
            .isEqualTo(p.getConsistencyProof(q).toByteArray());
      }
      GetCheckpointRequest cq = GetCheckpointRequest.newBuilder().setSize(size).build();
      // The replica serves the log-signed note; the primary's carries the cosignatures after it.
      assertThat(p.getCheckpoint(cq).getNote().startsWith(s.getCheckpoint(cq).getNote())).isTrue();
    }
  }

  /** The primary serves the checkpoint with both replicas' cosignatures: 2-of-3 holds, 3 not. */
  private void assertCosignedByBoth(long size) throws Exception {
    List<VerifierKey> three =
        List.of(cosigner(W1).verifierKey(), cosigner(W2).verifierKey(), cosigner(W3).verifierKey());
    byte[][] note = new byte[1][];
    await(
        "both cosignatures at " + size,
        Duration.ofSeconds(60),
        () -> {
          note[0] = checkpointNote(size);
          try {
            SignedCheckpoint.open(note[0], ORIGIN, LOG_KEY.verifierKey(), three, 2);
            return true;
          } catch (CosignatureQuorumException notYet) {
            return false;
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    SignedCheckpoint cp = SignedCheckpoint.open(note[0], ORIGIN, LOG_KEY.verifierKey(), three, 2);
    assertThat(cp.cosignatures())
        .extracting(c -> c.witness().name())
        .containsExactlyInAnyOrder(W1.name(), W2.name());
    CosignatureQuorumException e =
        catchThrowableOfType(CosignatureQuorumException.class, () -> cp.requireQuorum(three, 3));
    assertThat(e.found()).isEqualTo(2);
  }

  private byte[] checkpointNote(long size) {
    return stub(primary)
        .getCheckpoint(GetCheckpointRequest.newBuilder().setSize(size).build())
        .getNote()
        .toByteArray();
  }

  private NodeProcess startPrimary(String port) throws Exception {
    Path d = dir.resolve("primary");
    primaryConfig(d, 0); // writes the log's signer key file
    Path conf =
        config(
            d,
            "log_key_file = " + d.resolve("log.key"),
            "signer_key = " + SIGNER_VKEY.encode(),
            "witness_key = " + cosigner(W1).verifierKey().encode(),
            "witness_key = " + cosigner(W2).verifierKey().encode(),
            "limits.append_rate_per_second = 1000000",
            "limits.append_burst = 1000000");
    // After a SIGKILL the old sockets may hold the port for a moment: try again, bounded.
    for (int attempt = 1; ; attempt++) {
      try {
        return track(NodeProcess.start(dir, conf, d.resolve("out.txt"), "--port", port));
      } catch (NodeProcess.NodeExitedException e) {
        if (attempt == 20) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(500);
      }
    }
  }

  private NodeProcess startReplica(String name, SignerKey witness) throws Exception {
    Path d = dir.resolve(name);
    replicaConfig(d); // writes the log's verifier key file
    replicaOf(primary.port(), d, Optional.of(witness)); // writes the witness key
    Path conf =
        config(
            d,
            "log_key_file = " + d.resolve("log.pub"),
            "signer_key = " + SIGNER_VKEY.encode(),
            "replica_of = " + primary.address(),
            "witness_key_file = " + d.resolve("witness.key"));
    return track(NodeProcess.start(dir, conf, d.resolve("out.txt"), "--port", "0"));
  }

  private static Path config(Path d, String... lines) throws Exception {
    List<String> all = new ArrayList<>(List.of("data_dir = " + d.resolve("log")));
    all.addAll(List.of(lines));
    Path conf = d.resolve("node.conf");
    Files.write(conf, all, StandardCharsets.UTF_8);
    return conf;
  }

  private NodeProcess track(NodeProcess n) {
    nodes.add(n);
    return n;
  }

  private Void append(long from, int count) throws Exception {
    LedgerServiceGrpc.LedgerServiceFutureStub stub =
        LedgerServiceGrpc.newFutureStub(track(channel(primary.port())));
    for (long start = from; start < from + count; start += 100) {
      List<ListenableFuture<AppendResponse>> batch = new ArrayList<>();
      for (long i = start; i < Math.min(from + count, start + 100); i++) {
        AppendRequest r =
            AppendRequest.newBuilder().setEnvelope(ByteString.copyFrom(envelope(i))).build();
        batch.add(stub.withDeadlineAfter(60, TimeUnit.SECONDS).append(r));
      }
      for (ListenableFuture<AppendResponse> f : batch) {
        f.get();
      }
    }
    return null;
  }

  private void awaitSize(NodeProcess node, long size) throws Exception {
    LedgerServiceGrpc.LedgerServiceBlockingStub s =
        LedgerServiceGrpc.newBlockingStub(track(channel(node.port())));
    await(
        "node " + node.address() + " at size " + size,
        Duration.ofSeconds(90),
        () -> {
          try {
            return s.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getCheckpoint(GetCheckpointRequest.getDefaultInstance())
                    .getSize()
                >= size;
          } catch (StatusRuntimeException e) {
            return false;
          }
        });
  }

  private static String output(NodeProcess n) {
    try {
      return n.output();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private LedgerServiceBlockingStub stub(NodeProcess n) {
    return LedgerServiceGrpc.newBlockingStub(track(channel(n.port())))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private ManagedChannel track(ManagedChannel c) {
    channels.add(c);
    return c;
  }

  private static <T> List<T> collect(Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
