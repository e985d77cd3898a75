package org.rmbt.ledger.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.verify.BundleVerifier;
import org.rmbt.ledger.core.verify.ProofBundleCodec;
import org.rmbt.ledger.core.verify.VerifiedBundle;
import org.rmbt.ledger.proto.AddCosignatureRequest;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.AppendResponse;
import org.rmbt.ledger.proto.CheckpointResponse;
import org.rmbt.ledger.proto.ConsistencyProofResponse;
import org.rmbt.ledger.proto.Entry;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.GetConsistencyProofRequest;
import org.rmbt.ledger.proto.GetEntriesRequest;
import org.rmbt.ledger.proto.GetEntryByHashRequest;
import org.rmbt.ledger.proto.GetInclusionProofRequest;
import org.rmbt.ledger.proto.GetProofBundleRequest;
import org.rmbt.ledger.proto.InclusionProofResponse;
import org.rmbt.ledger.proto.LedgerServiceGrpc.LedgerServiceBlockingStub;

/** Every unary and server-streaming method against a real node on a loopback port. */
class LedgerServiceTest {
  @TempDir Path dir;
  TestNode node;
  LedgerServiceBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(dir);
    stub = node.blocking();
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  private List<AppendResponse> appendMany(int from, int to) {
    List<AppendResponse> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(stub.append(TestNode.append(i)));
    }
    return out;
  }

  @Test
  void appendAnswersWithAVerifiableReceipt() throws Exception {
    AppendResponse r = stub.append(TestNode.append(0));
    assertThat(r.getIndex()).isZero();
    assertThat(r.getDuplicate()).isFalse();
    SignedCheckpoint cp = TestNode.open(r.getCheckpoint());
    Proofs.verifyInclusion(
        r.getIndex(),
        cp.checkpoint().size(),
        new Hash(r.getLeafHash().toByteArray()),
        hashes(r.getInclusionProofList()),
        cp.checkpoint().root());
  }

  @Test
  void sameEnvelopeTwiceReturnsTheExistingEntry() {
    AppendResponse first = stub.append(TestNode.append(7));
    AppendResponse again = stub.append(TestNode.append(7));
    assertThat(again.getDuplicate()).isTrue();
    assertThat(again.getIndex()).isEqualTo(first.getIndex());
    assertThat(again.getLeafHash()).isEqualTo(first.getLeafHash());
  }

  @Test
  void garbageEnvelopeIsInvalidArgumentNamingTheField() {
    AppendRequest garbage =
        AppendRequest.newBuilder().setEnvelope(ByteString.copyFromUtf8("not protobuf")).build();
    assertThatThrownBy(() -> stub.append(garbage))
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("envelope:");
    assertThat(stub.append(TestNode.append(1)).getIndex()).isZero();
  }

  @Test
  void unknownSignerIsPermissionDenied() {
    AppendRequest r =
        AppendRequest.newBuilder()
            .setEnvelope(ByteString.copyFrom(TestNode.envelope(TestNode.STRANGER, 1)))
            .build();
    assertThatThrownBy(() -> stub.append(r))
        .satisfies(e -> assertCode(e, Status.Code.PERMISSION_DENIED))
        .hasMessageContaining("envelope.signatures[0]");
  }

  @Test
  void checkpointLatestAndBySize() throws Exception {
    AppendResponse first = stub.append(TestNode.append(0));
    appendMany(1, 5);
    CheckpointResponse latest = stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance());
    assertThat(latest.getSize()).isEqualTo(5);
    assertThat(TestNode.open(latest.getNote()).checkpoint().size()).isEqualTo(5);
    CheckpointResponse one =
        stub.getCheckpoint(GetCheckpointRequest.newBuilder().setSize(1).build());
    assertThat(one.getNote()).isEqualTo(first.getCheckpoint());
    assertThatThrownBy(
            () -> stub.getCheckpoint(GetCheckpointRequest.newBuilder().setSize(99).build()))
        .satisfies(e -> assertCode(e, Status.Code.NOT_FOUND))
        .hasMessageContaining("size:");
  }

  @Test
  void entriesAreStreamedAsStoredWithTheirLeafHashes() {
    List<AppendResponse> appended = appendMany(0, 40);
    Iterator<Entry> it =
        stub.getEntries(GetEntriesRequest.newBuilder().setFrom(3).setCount(35).build());
    List<Entry> got = new ArrayList<>();
    it.forEachRemaining(got::add);
    assertThat(got).hasSize(35);
    for (int i = 0; i < got.size(); i++) {
      Entry e = got.get(i);
      assertThat(e.getIndex()).isEqualTo(3 + i);
      assertThat(e.getLeafHash()).isEqualTo(appended.get(3 + i).getLeafHash());
      assertThat(Hashing.leaf(e.getEntry().toByteArray()).bytes())
          .isEqualTo(e.getLeafHash().toByteArray());
    }
    Iterator<Entry> tooMany =
        stub.getEntries(GetEntriesRequest.newBuilder().setFrom(30).setCount(11).build());
    assertThatThrownBy(tooMany::hasNext)
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("count:");
  }

  @Test
  void entryByLeafHashOrEnvelopeHash() {
    AppendResponse r = appendMany(0, 3).get(1);
    Entry byLeaf =
        stub.getEntryByHash(GetEntryByHashRequest.newBuilder().setHash(r.getLeafHash()).build());
    assertThat(byLeaf.getIndex()).isEqualTo(1);
    Hash envelopeHash = Hashing.sha256(TestNode.envelope(TestNode.SIGNER, 1));
    Entry byEnvelope =
        stub.getEntryByHash(
            GetEntryByHashRequest.newBuilder()
                .setHash(ByteString.copyFrom(envelopeHash.bytes()))
                .build());
    assertThat(byEnvelope).isEqualTo(byLeaf);
    ByteString unknown = ByteString.copyFrom(new byte[32]);
    assertThatThrownBy(
            () -> stub.getEntryByHash(GetEntryByHashRequest.newBuilder().setHash(unknown).build()))
        .satisfies(e -> assertCode(e, Status.Code.NOT_FOUND));
    ByteString shortHash = ByteString.copyFrom(new byte[31]);
    assertThatThrownBy(
            () ->
                stub.getEntryByHash(GetEntryByHashRequest.newBuilder().setHash(shortHash).build()))
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("hash: must be 32 bytes");
  }

  @Test
  void inclusionAndConsistencyProofsVerify() throws Exception {
    List<AppendResponse> appended = appendMany(0, 13);
    SignedCheckpoint at5 =
        TestNode.open(
            stub.getCheckpoint(GetCheckpointRequest.newBuilder().setSize(5).build()).getNote());
    SignedCheckpoint latest =
        TestNode.open(stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance()).getNote());
    InclusionProofResponse inc =
        stub.getInclusionProof(GetInclusionProofRequest.newBuilder().setIndex(9).build());
    assertThat(inc.getSize()).isEqualTo(13);
    Proofs.verifyInclusion(
        9,
        13,
        new Hash(appended.get(9).getLeafHash().toByteArray()),
        hashes(inc.getHashesList()),
        latest.checkpoint().root());
    ConsistencyProofResponse con =
        stub.getConsistencyProof(GetConsistencyProofRequest.newBuilder().setSize1(5).build());
    Proofs.verifyConsistency(
        5, 13, hashes(con.getHashesList()), at5.checkpoint().root(), latest.checkpoint().root());
    assertThatThrownBy(
            () ->
                stub.getInclusionProof(
                    GetInclusionProofRequest.newBuilder().setIndex(13).setSize(13).build()))
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("index:");
    assertThatThrownBy(
            () ->
                stub.getConsistencyProof(
                    GetConsistencyProofRequest.newBuilder().setSize1(5).setSize2(14).build()))
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("size2:");
  }

  @Test
  void witnessCosignatureIsVerifiedKeptAndServed() throws Exception {
    appendMany(0, 4);
    Checkpoint cp =
        TestNode.open(stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance()).getNote())
            .checkpoint();
    String line = TestNode.WITNESS.cosign(cp, 1_700_000_000L).line();
    CheckpointResponse cosigned =
        stub.addCosignature(
            AddCosignatureRequest.newBuilder().setSize(4).setSignatureLine(line).build());
    SignedCheckpoint.open(
        cosigned.getNote().toByteArray(),
        TestNode.ORIGIN,
        TestNode.LOG_KEY.verifierKey(),
        List.of(TestNode.WITNESS.verifierKey()),
        1);
    assertThat(stub.getCheckpoint(GetCheckpointRequest.newBuilder().setSize(4).build()).getNote())
        .isEqualTo(cosigned.getNote());
    assertThat(new String(cosigned.getNote().toByteArray(), StandardCharsets.UTF_8)).contains(line);

    String stranger = TestNode.OTHER_WITNESS.cosign(cp, 1_700_000_000L).line();
    assertThatThrownBy(() -> stub.addCosignature(cosign(4, stranger)))
        .satisfies(e -> assertCode(e, Status.Code.PERMISSION_DENIED))
        .hasMessageContaining("signature_line:");
    String wrongCheckpoint =
        TestNode.WITNESS.cosign(new Checkpoint(TestNode.ORIGIN, 4, Hash.ZERO), 1L).line();
    assertThatThrownBy(() -> stub.addCosignature(cosign(4, wrongCheckpoint)))
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT));
    assertThatThrownBy(() -> stub.addCosignature(cosign(4, "- witness.example AAAA")))
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("signature_line:");
    assertThatThrownBy(() -> stub.addCosignature(cosign(77, line)))
        .satisfies(e -> assertCode(e, Status.Code.NOT_FOUND));
  }

  @Test
  void proofBundleVerifiesOffline() throws Exception {
    appendMany(0, 9);
    String json =
        stub.getProofBundle(
                GetProofBundleRequest.newBuilder()
                    .addAllIndexes(List.of(0L, 4L, 8L))
                    .addEarlierSizes(3)
                    .build())
            .getBundleJson();
    VerifiedBundle v =
        BundleVerifier.trusting(TestNode.LOG_KEY.verifierKey())
            .verify(ProofBundleCodec.decode(json));
    assertThat(v.entries()).isEqualTo(3);
    assertThat(v.consistencyProofs()).isEqualTo(1);
    assertThatThrownBy(
            () -> stub.getProofBundle(GetProofBundleRequest.newBuilder().addIndexes(9).build()))
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT));
  }

  private static AddCosignatureRequest cosign(long size, String line) {
    return AddCosignatureRequest.newBuilder().setSize(size).setSignatureLine(line).build();
  }

  static List<Hash> hashes(List<ByteString> raw) {
    return raw.stream().map(b -> new Hash(b.toByteArray())).toList();
  }

  static void assertCode(Throwable e, Status.Code code) {
    assertThat(e).isInstanceOf(StatusRuntimeException.class);
    assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(code);
  }
}
