package org.rmbt.ledger.node.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.node.replica.ReplicaBench.*;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rmbt.ledger.core.checkpoint.NoteSignature;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.core.ledger.LedgerConfig;
import org.rmbt.ledger.core.ledger.LogSigner;
import org.rmbt.ledger.core.record.SignerKeyRing;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.node.cli.Rmbt;
import org.rmbt.ledger.proto.FollowResponse;
import org.rmbt.ledger.proto.GetForkEvidenceRequest;
import org.rmbt.ledger.proto.GetForkEvidenceResponse;
import org.rmbt.ledger.proto.LedgerEntry;
import org.rmbt.ledger.proto.ReplicaServiceGrpc;

/**
 * A primary that lies, once per lie the replica must catch: detected, evidence persisted and shown
 * by {@code rmbt verify-fork}, nothing cosigned after the lie, frozen across restarts.
 */
class ForkDetectionTest {
  @TempDir Path dir;

  /** Two logs under the same key and clock: equal for 5 entries, then different. */
  record Log(List<byte[]> entries, List<byte[]> notes) {
    List<FollowResponse> follow(long from, long to, long noteSize) {
      List<FollowResponse> out = new ArrayList<>();
      for (long i = from; i < to; i++) {
        out.add(ScriptedPrimary.entry(i, entries.get(Math.toIntExact(i))));
      }
      out.add(ScriptedPrimary.checkpoint(notes.get(Math.toIntExact(noteSize))));
      return out;
    }
  }

  enum Lie {
    SAME_SIZE_DIFFERENT_ROOTS,
    ROLLBACK,
    INCONSISTENT,
    ENTRIES_DO_NOT_MATCH_ROOT,
    BAD_CHAIN_LINK,
    BAD_SIGNATURE
  }

  @ParameterizedTest
  @EnumSource(Lie.class)
  void everyLieIsCaughtAndShownOffline(Lie lie) throws Exception {
    Log honest = build(dir.resolve("honest"), 0);
    Log other = build(dir.resolve("other"), 100);
    try (ScriptedPrimary p = new ScriptedPrimary()) {
      script(p, lie, honest, other);
      Path d = dir.resolve("replica");
      ReplicaNode r = ReplicaNode.start(replicaConfig(d), replicaOf(p.port(), d, Optional.of(W1)));
      try {
        await("fork detected", Duration.ofSeconds(30), r::frozen);
        Path file = d.resolve("log.fork-evidence.json");
        await("evidence on disk", Duration.ofSeconds(10), () -> Files.exists(file));
        String expectedKind = lie.name().startsWith("BAD_") ? "BAD_ENTRY" : lie.name();
        assertThat(Files.readString(file)).contains("\"kind\" : \"" + expectedKind + "\"");
        assertThat(evidenceOverRpc(r.port())).isEqualTo(Files.readString(file));
        assertThat(
                Rmbt.run(
                    "verify-fork",
                    file.toString(),
                    "--log-key",
                    LOG_KEY.verifierKey().encode(),
                    "--signer-key",
                    SIGNER_VKEY.encode()))
            .isEqualTo(Rmbt.OK);
        assertNothingCosignedBeyondHonest(p, honest, lie);
      } finally {
        r.close();
      }
      int followsBefore = p.follows.get();
      try (ReplicaNode again =
          ReplicaNode.start(replicaConfig(d), replicaOf(p.port(), d, Optional.of(W1)))) {
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(again.frozen()).isTrue();
        assertThat(p.follows.get()).isEqualTo(followsBefore);
      }
      assertThat(Rmbt.run("fork-evidence", "--data-dir", d.resolve("log").toString(), "--clear"))
          .isEqualTo(Rmbt.OK);
      try (ReplicaNode cleared =
          ReplicaNode.start(replicaConfig(d), replicaOf(p.port(), d, Optional.of(W1)))) {
        assertThat(cleared.frozen()).isFalse();
      }
    }
  }

  @Test
  void tamperedEvidenceIsNotShown() throws Exception {
    Log honest = build(dir.resolve("honest"), 0);
    Path f = dir.resolve("e.json");
    ForkEvidence e =
        new ForkEvidence(
            "SAME_SIZE_DIFFERENT_ROOTS",
            "made up",
            0,
            List.of(new String(honest.notes().get(10)), new String(honest.notes().get(10))),
            10,
            new byte[0],
            org.rmbt.ledger.core.hash.Hash.ZERO,
            List.of(),
            java.util.Map.of(),
            List.of(),
            org.rmbt.ledger.core.hash.Hash.ZERO);
    Files.writeString(f, ForkEvidenceCodec.encode(e));
    assertThat(Rmbt.run("verify-fork", f.toString(), "--log-key", LOG_KEY.verifierKey().encode()))
        .isEqualTo(Rmbt.VERIFICATION_FAILED);
  }

  private static void script(ScriptedPrimary p, Lie lie, Log honest, Log other) throws Exception {
    switch (lie) {
      case SAME_SIZE_DIFFERENT_ROOTS -> {
        p.scripts.put(0L, honest.follow(0, 10, 10));
        p.scripts.put(10L, List.of(ScriptedPrimary.checkpoint(other.notes().get(10))));
      }
      case ROLLBACK, INCONSISTENT -> {
        p.scripts.put(0L, honest.follow(0, 10, 10));
        p.latestNote = lie == Lie.ROLLBACK ? honest.notes().get(5) : other.notes().get(7);
      }
      case ENTRIES_DO_NOT_MATCH_ROOT -> {
        p.scripts.put(0L, honest.follow(0, 5, 5));
        List<FollowResponse> s = new ArrayList<>(honest.follow(5, 10, 10).subList(0, 5));
        s.add(ScriptedPrimary.checkpoint(other.notes().get(10)));
        p.scripts.put(5L, s);
      }
      case BAD_CHAIN_LINK, BAD_SIGNATURE -> {
        p.scripts.put(0L, honest.follow(0, 5, 5));
        List<FollowResponse> s = new ArrayList<>(honest.follow(5, 10, 10));
        s.set(
            1,
            lie == Lie.BAD_CHAIN_LINK
                ? ScriptedPrimary.entry(6, other.entries().get(6))
                : ScriptedPrimary.entry(6, badSignature(honest.entries().get(6))));
        p.scripts.put(5L, s);
      }
    }
  }

  private static byte[] badSignature(byte[] entry) throws Exception {
    LedgerEntry e = LedgerEntry.parseFrom(entry);
    byte[] sig = e.getEnvelope().getSignatures(0).getSig().toByteArray();
    sig[0] ^= 1;
    LedgerEntry.Builder b = e.toBuilder();
    b.getEnvelopeBuilder()
        .getSignaturesBuilder(0)
        .setSig(com.google.protobuf.ByteString.copyFrom(sig));
    return b.build().toByteArray();
  }

  /** Every cosignature the replica sent verifies over the honest log's checkpoint at its size. */
  private static void assertNothingCosignedBeyondHonest(ScriptedPrimary p, Log honest, Lie lie)
      throws Exception {
    long lastHonest =
        lie.name().startsWith("BAD_") || lie == Lie.ENTRIES_DO_NOT_MATCH_ROOT ? 5 : 10;
    assertThat(p.cosignatures).isNotEmpty();
    for (var c : p.cosignatures) {
      assertThat(c.getSize()).isLessThanOrEqualTo(lastHonest);
      SignedCheckpoint cp =
          SignedCheckpoint.open(
              honest.notes().get(Math.toIntExact(c.getSize())), ORIGIN, LOG_KEY.verifierKey());
      String[] parts = c.getSignatureLine().strip().substring(2).split(" ");
      NoteSignature sig = NoteSignature.decode("line", parts[0], parts[1]);
      cp.withCosignature(sig, cosigner(W1).verifierKey()); // throws unless over the honest body
    }
  }

  private static String evidenceOverRpc(int port) throws Exception {
    ManagedChannel ch = channel(port);
    try {
      GetForkEvidenceResponse r =
          ReplicaServiceGrpc.newBlockingStub(ch)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .getForkEvidence(GetForkEvidenceRequest.getDefaultInstance());
      assertThat(r.getFrozen()).isTrue();
      return r.getEvidenceJson();
    } finally {
      ch.shutdownNow();
    }
  }

  /** 10 entries, one checkpoint per size; entries 5.. differ between offsets. */
  private static Log build(Path d, int offset) throws Exception {
    List<byte[]> notes = new ArrayList<>();
    try (Ledger l =
        Ledger.open(
            RocksLogStore.open(d),
            new LogSigner(LOG_KEY),
            SignerKeyRing.of(List.of(SIGNER.publicKey())),
            () -> 1_000L,
            LedgerConfig.DEFAULT)) {
      notes.add(l.view().checkpoint(0).orElseThrow().note());
      for (int i = 0; i < 10; i++) {
        l.append(envelope(i < 5 ? i : i + offset)).get();
        notes.add(l.view().latestCheckpoint().note());
      }
      return new Log(l.view().entries(0, 10), notes);
    }
  }
}
