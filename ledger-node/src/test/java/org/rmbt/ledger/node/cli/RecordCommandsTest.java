package org.rmbt.ledger.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.record.SampleData;
import org.rmbt.ledger.node.cli.RmbtRun.Result;
import org.rmbt.ledger.node.config.NodeConfig;

/**
 * A compliance node (no fixed signer keys) driven through the CLI: the sample story submitted,
 * certificate status queried, a model's provenance bundle fetched and verified offline.
 */
class RecordCommandsTest {
  @TempDir static Path dir;
  static CliNode node;

  @BeforeAll
  static void startAndSubmitSample() {
    try {
      node =
          CliNode.start(
              dir, cfg -> NodeConfig.local(cfg.dataDir(), cfg.logKeyFile(), List.of(), List.of()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    Result r = node.client("sample", "--keys-out", dir.resolve("participants").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(27);
    assertThat(r.lines().get(0)).contains("genesis");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void statusIsComputedFromTheDecisions() {
    Result suspended = node.client("status", "--certificate", SampleData.JOINT_CERTIFICATE);
    assertThat(suspended.code()).as(suspended.err()).isZero();
    assertThat(suspended.out()).contains(SampleData.JOINT_CERTIFICATE + ": SUSPENDED");
    Result active = node.client("status", "--certificate", SampleData.RENEWED_CERTIFICATE);
    assertThat(active.out()).contains(": ACTIVE");
    Result unknown = node.client("status", "--certificate", "NO-SUCH-CERT");
    assertThat(unknown.code()).isEqualTo(Rmbt.BAD_INPUT);
  }

  @Test
  void provenanceBundleVerifiesOfflineWithItsStatus() throws Exception {
    Path out = dir.resolve("acme.json");
    Result b =
        node.client("bundle", "--model", SampleData.ASSIST.getModelId(), "--out", out.toString());
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(Files.readString(out)).contains("\"subjects\"").contains("SUSPENDED");
    Result v = RmbtRun.run("verify", out.toString(), "--log-key", node.logKey());
    assertThat(v.code()).as(v.err()).isZero();
    assertThat(v.out()).contains(SampleData.JOINT_CERTIFICATE).contains("SUSPENDED");
  }

  @Test
  void querySubjectListsEveryEntryAboutAModelInLogOrder() {
    io.grpc.ManagedChannel channel =
        io.grpc.ManagedChannelBuilder.forTarget(node.node()).usePlaintext().build();
    try {
      var records = org.rmbt.ledger.proto.RecordServiceGrpc.newBlockingStub(channel);
      var about =
          records.querySubject(
              org.rmbt.ledger.proto.QuerySubjectRequest.newBuilder()
                  .setSubject("cert:" + SampleData.JOINT_CERTIFICATE)
                  .build());
      assertThat(about.getIndexesList()).containsExactly(18L, 24L);
      assertThat(about.getTreeSize()).isEqualTo(27);
      var model =
          records.querySubject(
              org.rmbt.ledger.proto.QuerySubjectRequest.newBuilder()
                  .setSubject("model:" + SampleData.ASSIST.getModelId())
                  .setLimit(3)
                  .build());
      assertThat(model.getIndexesList()).hasSize(3).isSorted();
      var bad =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              io.grpc.StatusRuntimeException.class,
              () ->
                  records.querySubject(
                      org.rmbt.ledger.proto.QuerySubjectRequest.newBuilder()
                          .setSubject("x")
                          .setLimit(5000)
                          .build()));
      assertThat(bad.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
      assertThat(bad.getStatus().getDescription()).startsWith("limit:");
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void subjectQueriesNeedTheComplianceNodeAndCommandsRefuseBadUsage() {
    Result both = node.client("bundle", "--model", "x", "--index", "1", "--out", "/tmp/never");
    assertThat(both.code()).isEqualTo(Rmbt.BAD_INPUT);
  }
}
