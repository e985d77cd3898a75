package org.rmbt.ledger.node.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.node.replica.ReplicaBench.*;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.verify.SplitView;
import org.rmbt.ledger.core.verify.SplitViewCheck;
import org.rmbt.ledger.node.cli.Rmbt;
import org.rmbt.ledger.node.cli.RmbtRun;
import org.rmbt.ledger.node.grpc.LedgerServer;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * A log that shows two witnesses different trees: two primaries with the same log key and a common
 * prefix, each followed and cosigned by its own replica over loopback. Both cosigned checkpoints
 * verify on their own; side by side they prove the split view.
 */
class SplitViewTest {
  private static final List<VerifierKey> WITNESSES =
      List.of(cosigner(W1).verifierKey(), cosigner(W2).verifierKey());

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void twoReplicasShownDifferentLogsCosignConflictingCheckpointsAndTheSplitIsDetected()
      throws Exception {
    LedgerServer first = LedgerServer.start(primaryConfig(dir.resolve("p1"), 0));
    append(first.port(), 0, 5);
    first.close();
    copy(dir.resolve("p1"), dir.resolve("p2"));
    LedgerServer p1 = track(LedgerServer.start(primaryConfig(dir.resolve("p1"), 0)));
    LedgerServer p2 = track(LedgerServer.start(primaryConfig(dir.resolve("p2"), 0)));
    append(p1.port(), 100, 5);
    append(p2.port(), 200, 5);
    replica("a", p1.port(), W1);
    replica("b", p2.port(), W2);
    Path a = note(p1.port(), 10, W1);
    Path b = note(p2.port(), 10, W2);

    SplitView v =
        SplitViewCheck.check(
            Files.readAllBytes(a),
            Files.readAllBytes(b),
            LOG_KEY.verifierKey(),
            WITNESSES,
            1,
            Optional.empty());
    assertThat(v.outcome()).isEqualTo(SplitView.Outcome.SPLIT_VIEW);

    RmbtRun.Result r = verifySplit(a, b);
    assertThat(r.code()).as(r.err()).isEqualTo(Rmbt.VERIFICATION_FAILED);
    assertThat(r.err())
        .contains("split view")
        .contains("two roots for size 10")
        .contains(W1.name())
        .contains(W2.name())
        .contains(v.a().checkpoint().root().base64())
        .contains(v.b().checkpoint().root().base64());

    // Each note has one witness: a policy of two refuses them before comparing anything.
    RmbtRun.Result refused = verifySplit(a, b, "--quorum", "2");
    assertThat(refused.code()).isEqualTo(Rmbt.VERIFICATION_FAILED);
    assertThat(refused.err()).contains("failed: checkpoint A: ").doesNotContain("split view");
    assertThat(verifySplit(a, b, "--quorum", "3").code()).isEqualTo(Rmbt.BAD_INPUT);

    // At different sizes the fork shows as a pair no consistency proof resolves.
    append(p2.port(), 300, 2);
    Path b12 = note(p2.port(), 12, W2);
    RmbtRun.Result u = verifySplit(a, b12, "--from", "127.0.0.1:" + p2.port());
    assertThat(u.code()).as(u.err()).isEqualTo(Rmbt.VERIFICATION_FAILED);
    assertThat(u.err()).contains("unresolved").contains("does not verify");
  }

  @Test
  void twoReplicasOfOneHonestLogCosignCheckpointsThatPass() throws Exception {
    LedgerServer p = track(LedgerServer.start(primaryConfig(dir.resolve("p"), 0)));
    append(p.port(), 0, 10);
    replica("a", p.port(), W1);
    replica("b", p.port(), W2);
    Path a = note(p.port(), 10, W1, W2);
    append(p.port(), 10, 5);
    Path b = note(p.port(), 15, W1, W2);

    RmbtRun.Result noProof = verifySplit(a, b, "--quorum", "2");
    assertThat(noProof.code()).as(noProof.err()).isEqualTo(Rmbt.VERIFICATION_FAILED);
    assertThat(noProof.err()).contains("unresolved").contains("consistency proof from 10 to 15");

    RmbtRun.Result ok = verifySplit(a, b, "--quorum", "2", "--from", "127.0.0.1:" + p.port());
    assertThat(ok.code()).as(ok.err()).isEqualTo(Rmbt.OK);
    assertThat(ok.out()).startsWith("consistent: size 10 is a prefix of size 15");

    RmbtRun.Result same = verifySplit(b, b, "--quorum", "2");
    assertThat(same.code()).as(same.err()).isEqualTo(Rmbt.OK);
  }

  private void replica(String name, int primaryPort, SignerKey w) throws Exception {
    Path d = dir.resolve(name);
    track(ReplicaNode.start(replicaConfig(d), replicaOf(primaryPort, d, Optional.of(w))));
  }

  /** The primary's note at {@code size} once it carries cosignatures by all of {@code ws}. */
  private Path note(int port, long size, SignerKey... ws) throws Exception {
    List<VerifierKey> want = Stream.of(ws).map(w -> cosigner(w).verifierKey()).toList();
    byte[][] note = new byte[1][];
    ManagedChannel ch = channel(port);
    try {
      await(
          "cosignatures at size " + size,
          Duration.ofSeconds(60),
          () -> {
            byte[] n =
                LedgerServiceGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getCheckpoint(GetCheckpointRequest.newBuilder().setSize(size).build())
                    .getNote()
                    .toByteArray();
            try {
              SignedCheckpoint.open(n, ORIGIN, LOG_KEY.verifierKey(), want, want.size());
              note[0] = n;
              return true;
            } catch (Exception notYet) {
              return false;
            }
          });
    } finally {
      ch.shutdownNow();
    }
    Path f = dir.resolve("note-" + port + "-" + size);
    Files.write(f, note[0]);
    return f;
  }

  private static void append(int port, long from, int count) {
    ManagedChannel ch = channel(port);
    try {
      for (long i = from; i < from + count; i++) {
        LedgerServiceGrpc.newBlockingStub(ch)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .append(
                AppendRequest.newBuilder().setEnvelope(ByteString.copyFrom(envelope(i))).build());
      }
    } finally {
      ch.shutdownNow();
    }
  }

  private <T extends AutoCloseable> T track(T c) {
    open.add(c);
    return c;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static RmbtRun.Result verifySplit(Path a, Path b, String... more) {
    List<String> args = new ArrayList<>(List.of("verify-split", a.toString(), b.toString()));
    args.addAll(List.of("--log-key", LOG_KEY.verifierKey().encode()));
    for (VerifierKey w : WITNESSES) {
      args.addAll(List.of("--witness-key", w.encode()));
    }
    args.addAll(List.of(more));
    return RmbtRun.run(args.toArray(String[]::new));
  }
}
