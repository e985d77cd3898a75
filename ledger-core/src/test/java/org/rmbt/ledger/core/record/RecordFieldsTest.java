package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.AnchorReceipt;
import org.rmbt.ledger.proto.AuditRecord;
import org.rmbt.ledger.proto.CertificationScheme;
import org.rmbt.ledger.proto.Erasure;
import org.rmbt.ledger.proto.JointRule;
import org.rmbt.ledger.proto.ModelVersion;

/** Schemes, model versions, audits, anchor receipts and erasures: accepted and refused. */
class RecordFieldsTest {
  private static final long DAY = FieldRules.DAY_MILLIS;

  @Test
  void schemeFieldErrorsNameTheField() throws Exception {
    TestLog log = TestLog.sample();
    CertificationScheme.Builder v2 =
        RecordCodecTest.shipped("ethical-ai-certification").toBuilder();
    v2.setVersion(2).getLevelsBuilder(2).setRequiredEvidence(0, "");
    assertThat(log.reject(v2.build(), "reg-eu", "reg-gb"))
        .isInstanceOf(MalformedException.class)
        .hasMessage("record.levels[2].required_evidence[0]: empty");
    v2.getLevelsBuilder(2).setRequiredEvidence(0, "Bias Report");
    assertThat(log.reject(v2.build(), "reg-eu", "reg-gb"))
        .hasMessageStartingWith(
            "record.levels[2].required_evidence[0]: must be lowercase kebab-case");
    v2.getLevelsBuilder(2).setRequiredEvidence(0, "algorithm-documentation");
    v2.setJoint(JointRule.newBuilder().setMinSigners(2).setMinJurisdictions(1));
    assertThat(log.reject(v2.build(), "reg-eu", "reg-gb"))
        .hasMessage("record.joint.min_jurisdictions: must be 2 to 2, got 1");
    v2.setJoint(JointRule.newBuilder().setMinSigners(3).setMinJurisdictions(2));
    assertThat(log.reject(v2.build(), "reg-eu"))
        .isInstanceOf(UnauthorizedSignerException.class)
        .hasMessage("envelope.signatures: needs 2 regulators, got 1");
    assertThat(log.reject(v2.clone().setVersion(1).build(), "reg-eu", "reg-gb"))
        .isInstanceOf(RecordRuleException.class)
        .hasMessage(
            "record.version: must be above the latest version 1 of ethical-ai-certification");
    log.append(v2.build(), "reg-eu", "reg-gb");
    assertThat(log.state.scheme("ethical-ai-certification", 2)).isPresent();
  }

  @Test
  void modelVersionsBelongToTheirProviderAndNeedTheirParent() {
    TestLog log = TestLog.sample();
    Random r = new Random(3);
    ModelVersion v2 =
        SampleRecords.model(
            r, "acme-assist", "2.0.0", "provider-acme", SampleData.ASSIST, "high", log.now - DAY);
    assertThat(log.reject(v2, "provider-nimbus"))
        .isInstanceOf(UnauthorizedSignerException.class)
        .hasMessage("envelope.signatures: provider-acme did not sign");
    ModelVersion hijack = v2.toBuilder().setProviderId("provider-nimbus").build();
    assertThat(log.reject(hijack, "provider-nimbus"))
        .hasMessage("record.provider_id: model acme-assist belongs to provider-acme");
    ModelVersion orphan = v2.toBuilder().setParent(SampleRecords.ref("acme-assist", "0.9")).build();
    assertThat(log.reject(orphan, "provider-acme"))
        .hasMessage("record.parent: no model version acme-assist@0.9");
    assertThat(log.reject(v2.toBuilder().setVersion("1.1.0").build(), "provider-acme"))
        .hasMessage("record.version: already registered for acme-assist");
    assertThat(
            log.reject(
                v2.toBuilder().setArtifactDigest(ByteString.copyFrom(new byte[31])).build(),
                "provider-acme"))
        .hasMessage("record.artifact_digest: must be 32 bytes, got 31");
    assertThat(log.reject(v2.toBuilder().setModelId("acme:assist").build(), "provider-acme"))
        .hasMessageStartingWith("record.model_id: must be letters, digits");
    assertThat(log.append(v2, "provider-acme").subjects())
        .containsExactly("model:acme-assist", "model:acme-assist@2.0.0");
  }

  @Test
  void auditsBySignedAuditorsOfKnownModels() {
    TestLog log = TestLog.sample();
    AuditRecord a =
        SampleRecords.audit(
            new Random(5),
            "AUD-T",
            SampleData.ASSIST,
            "auditor-gb",
            "bias-assessment-report",
            Map.of("bias.parity_gap", 0.1),
            log.now - DAY);
    assertThat(log.reject(a, "auditor-eu"))
        .isInstanceOf(UnauthorizedSignerException.class)
        .hasMessage("envelope.signatures: auditor-gb did not sign");
    assertThat(log.reject(a.toBuilder().setAuditorId("provider-acme").build(), "provider-acme"))
        .hasMessageStartingWith("envelope.signatures: provider-acme does not hold a role among");
    assertThat(
            log.reject(
                a.toBuilder().putMetrics("bias.parity_gap", Double.NaN).build(), "auditor-gb"))
        .isInstanceOf(MalformedException.class)
        .hasMessage("record.metrics[bias.parity_gap]: not a finite number");
    assertThat(
            log.reject(
                a.toBuilder().setSubject(SampleRecords.ref("ghost", "1")).build(), "auditor-gb"))
        .hasMessage("record.subject: no model version ghost@1");
    assertThat(log.reject(a.toBuilder().setIssuedAt(log.now + DAY).build(), "auditor-gb"))
        .hasMessage("record.issued_at: after the entry's integration time");
    assertThat(log.reject(a.toBuilder().setAuditId("AUD-1013").build(), "auditor-gb"))
        .hasMessage("record.audit_id: already used");
    assertThat(log.reject(a.toBuilder().clearDocuments().build(), "auditor-gb"))
        .hasMessage("record.documents: must hold 1 to 64, got 0");
    log.append(a, "cb-eu", "auditor-gb"); // extra signers may co-sign
  }

  @Test
  void anchorReceiptsGrowPerChainAndComeFromWitnesses() {
    TestLog log = TestLog.sample();
    byte[] h = new byte[32];
    AnchorReceipt r =
        AnchorReceipt.newBuilder()
            .setChainId(31337)
            .setRegistryAddress(ByteString.copyFrom(new byte[20]))
            .setTxHash(ByteString.copyFrom(h))
            .setBlockNumber(12)
            .setBlockHash(ByteString.copyFrom(h))
            .setTreeSize(27)
            .setRoot(ByteString.copyFrom(h))
            .build();
    assertThat(log.reject(r, "provider-acme"))
        .isInstanceOf(UnauthorizedSignerException.class)
        .hasMessage("envelope.signatures: needs a witness or regulator signature");
    assertThat(log.reject(r.toBuilder().setTreeSize(28).build(), "witness-gb"))
        .hasMessage("record.tree_size: must be 1 to the log size 27, got 28");
    assertThat(log.append(r, "witness-gb").subjects()).containsExactly("anchor:31337");
    assertThat(log.reject(r, "witness-gb"))
        .isInstanceOf(RecordRuleException.class)
        .hasMessage("record.tree_size: not above the size 27 anchored before");
    assertThat(
            log.reject(
                r.toBuilder().setRegistryAddress(ByteString.copyFrom(new byte[19])).build(),
                "witness-gb"))
        .hasMessage("record.registry_address: must be 20 bytes, got 19");
  }

  @Test
  void erasureNamesAnAuditedDocumentOnce() {
    TestLog log = TestLog.sample();
    Erasure e =
        Erasure.newBuilder()
            .setEntry(DecisionRulesTest.ref(15, log.leaves.get(15)))
            .setDocumentName("bias-assessment-report.pdf")
            .setReasonCode("DATA_SUBJECT_REQUEST")
            .setErasedAt(log.now)
            .build();
    assertThat(log.reject(e, "provider-acme"))
        .isInstanceOf(UnauthorizedSignerException.class)
        .hasMessage("envelope.signatures: needs the audit's auditor or a regulator");
    assertThat(log.reject(e.toBuilder().setDocumentName("other.pdf").build(), "auditor-eu"))
        .hasMessage("record.document_name: not a document of that audit");
    assertThat(
            log.reject(
                e.toBuilder().setEntry(DecisionRulesTest.ref(15, log.leaves.get(14))).build(),
                "auditor-eu"))
        .hasMessage("record.entry: not an audit entry of this log");
    assertThat(log.append(e, "auditor-eu").subjects())
        .containsExactly("model:acme-assist", "model:acme-assist@1.1.0");
    assertThat(log.reject(e, "reg-gb"))
        .isInstanceOf(RecordRuleException.class)
        .hasMessage("record.document_name: already erased at index 27");
  }
}
