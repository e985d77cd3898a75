package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.AuditRecord;
import org.rmbt.ledger.proto.CertificationDecision;
import org.rmbt.ledger.proto.CertificationDecision.Action;
import org.rmbt.ledger.proto.EntryRef;
import org.rmbt.ledger.proto.ModelRef;
import org.rmbt.ledger.proto.SchemeRef;

/** References, evidence, validity, transitions and joint authority of decisions. */
class DecisionRulesTest {
  private static final long DAY = FieldRules.DAY_MILLIS;
  // sample indices: audits of acme-assist@1.1.0 13..17, grant 18; of nimbus-frontier 19..22, 25
  private static final int[] ASSIST_AUDITS = {13, 14, 15, 16, 17};

  static AuditRecord audit(TestLog log, String id, ModelRef subject, String auditor, String kind) {
    return SampleRecords.audit(new Random(1), id, subject, auditor, kind, Map.of(), log.now - DAY);
  }

  static CertificationDecision.Builder decision(
      String cert, ModelRef subject, String scheme, Action action) {
    return CertificationDecision.newBuilder()
        .setCertificateId(cert)
        .setSubject(subject)
        .setScheme(SchemeRef.newBuilder().setSchemeId(scheme).setVersion(1))
        .setAction(action)
        .setReasonCode("TEST");
  }

  static CertificationDecision.Builder grant(
      TestLog log, String cert, ModelRef subject, String level, int days, int... evidence) {
    String scheme =
        subject.equals(SampleData.ASSIST) ? SampleRecords.ETHICAL : SampleRecords.SAFETY;
    CertificationDecision.Builder b =
        decision(cert, subject, scheme, Action.GRANT)
            .setLevel(level)
            .setValidFrom(log.now)
            .setValidUntil(log.now + days * DAY);
    for (int i : evidence) {
      b.addEvidence(ref(i, log.leaves.get(i)));
    }
    return b;
  }

  static EntryRef ref(long index, Hash leaf) {
    return EntryRef.newBuilder().setIndex(index).setLeafHash(TestLog.bytes(leaf)).build();
  }

  private static CertificationDecision.Builder trusted(TestLog log, String cert) {
    return grant(log, cert, SampleData.ASSIST, "Trusted AI Platform", 730, ASSIST_AUDITS);
  }

  @Test
  void jointDecisionNeedsSignersOfTwoJurisdictions() {
    TestLog log = TestLog.sample();
    CertificationDecision joint = trusted(log, "EAI-9").setJoint(true).build();
    assertThat(log.reject(joint, "cb-eu", "reg-eu"))
        .isInstanceOf(UnauthorizedSignerException.class)
        .hasMessage(
            "envelope.signatures: joint decision needs signers of 2 jurisdictions, got [EU]");
    assertThat(log.reject(joint, "cb-gb"))
        .hasMessage("envelope.signatures: joint decision needs 2 decision makers, got 1");
    assertThat(log.reject(joint, "cb-eu", "auditor-gb"))
        .hasMessage("envelope.signatures: joint decision needs 2 decision makers, got 1");
    log.append(joint, "cb-eu", "reg-gb");
  }

  @Test
  void decisionsAreMadeByCertificationBodiesOrRegulators() {
    TestLog log = TestLog.sample();
    assertThat(log.reject(trusted(log, "EAI-9").build(), "auditor-eu"))
        .isInstanceOf(UnauthorizedSignerException.class)
        .hasMessage("envelope.signatures: needs a certification body or regulator signature");
    log.append(trusted(log, "EAI-9").build(), "reg-gb");
  }

  @Test
  void evidenceMustBeAuditsOfTheSameSubjectWithTheirLeafHash() {
    TestLog log = TestLog.sample();
    CertificationDecision.Builder d = trusted(log, "EAI-9");
    d.setEvidence(0, ref(13, log.leaves.get(14)));
    assertThat(log.reject(d.build(), "cb-eu"))
        .isInstanceOf(RecordRuleException.class)
        .hasMessage("record.evidence[0].leaf_hash: does not match entry 13 of the log");
    d.setEvidence(0, ref(10, log.leaves.get(10)));
    assertThat(log.reject(d.build(), "cb-eu"))
        .hasMessage("record.evidence[0].index: entry 10 is not an audit record");
    d.setEvidence(0, ref(19, log.leaves.get(19)));
    assertThat(log.reject(d.build(), "cb-eu"))
        .hasMessage("record.evidence[0]: audit of another model version");
    d.setEvidence(0, ref(14, log.leaves.get(14)));
    assertThat(log.reject(d.build(), "cb-eu"))
        .isInstanceOf(MalformedException.class)
        .hasMessage("record.evidence[1].index: cited twice");
  }

  @Test
  void levelNeedsEveryRequiredEvidenceKind() {
    TestLog log = TestLog.sample();
    CertificationDecision d =
        grant(log, "EAI-9", SampleData.ASSIST, "Trusted AI Platform", 730, 13, 14, 15, 16).build();
    assertThat(log.reject(d, "cb-eu"))
        .hasMessage(
            "record.evidence: level Trusted AI Platform requires responsibility-index evidence");
    log.append(
        grant(log, "EAI-9", SampleData.ASSIST, "Basic Compliance", 730, 13, 14).build(), "cb-eu");
  }

  @Test
  void evidenceMayNotBeOlderThanTheSchemeAllows() {
    TestLog log = TestLog.sample();
    log.now += 200 * DAY;
    assertThat(log.reject(trusted(log, "EAI-9").build(), "cb-eu"))
        .isInstanceOf(RecordRuleException.class)
        .hasMessageMatching(
            "record\\.evidence\\[0]: issued \\d+ days before integration, scheme allows 180");
  }

  @Test
  void validityMayNotExceedTheSchemePeriod() {
    TestLog log = TestLog.sample();
    assertThat(
            log.reject(
                grant(log, "EAI-9", SampleData.ASSIST, "Trusted AI Platform", 731, ASSIST_AUDITS)
                    .build(),
                "cb-eu"))
        .hasMessage("record.valid_until: validity longer than the scheme's 730 days");
    CertificationDecision future = trusted(log, "EAI-9").setValidFrom(log.now + 5 * DAY).build();
    assertThat(log.reject(future, "cb-eu"))
        .hasMessage("record.valid_from: after the integration time");
  }

  @Test
  void schemeLevelModelAndTierMustExist() {
    TestLog log = TestLog.sample();
    assertThat(log.reject(trusted(log, "EAI-9").setLevel("Gold").build(), "cb-eu"))
        .hasMessage("record.level: scheme ethical-ai-certification has no such level");
    CertificationDecision.Builder v9 = trusted(log, "EAI-9");
    v9.getSchemeBuilder().setVersion(9);
    assertThat(log.reject(v9.build(), "cb-eu")).hasMessage("record.scheme: no such scheme version");
    assertThat(
            log.reject(
                trusted(log, "EAI-9").setSubject(SampleRecords.ref("acme-assist", "7")).build(),
                "cb-eu"))
        .hasMessage("record.subject: no such model version");
    CertificationDecision.Builder safety =
        grant(log, "X-1", SampleData.ASSIST, "Tier 1 Foundational Safety", 365, 13, 14);
    safety.getSchemeBuilder().setSchemeId(SampleRecords.SAFETY);
    log.append(
        audit(log, "AUD-X1", SampleData.ASSIST, "auditor-gb", "annual-safety-report"),
        "auditor-gb");
    log.append(
        audit(log, "AUD-X2", SampleData.ASSIST, "auditor-gb", "dataset-sources"), "auditor-gb");
    safety
        .clearEvidence()
        .addEvidence(ref(27, log.leaves.get(27)))
        .addEvidence(ref(28, log.leaves.get(28)));
    log.append(safety.build(), "cb-gb"); // high is a tier of the safety standard
    CertificationDecision systemic =
        decision("EAI-9", SampleData.FRONTIER, SampleRecords.ETHICAL, Action.GRANT)
            .setLevel("Basic Compliance")
            .setValidFrom(log.now)
            .setValidUntil(log.now + DAY)
            .build();
    assertThat(log.reject(systemic, "cb-eu"))
        .isInstanceOf(RecordRuleException.class)
        .hasMessage("record.subject: risk tier systemic is not covered by the scheme");
  }

  @Test
  void illegalTransitionsAreRefused() {
    TestLog log = TestLog.sample();
    String joint = SampleData.JOINT_CERTIFICATE;
    assertThat(log.reject(trusted(log, joint).build(), "cb-eu"))
        .hasMessage("record.certificate_id: already granted at index 18");
    assertThat(
            log.reject(
                decision("EAI-404", SampleData.ASSIST, SampleRecords.ETHICAL, Action.SUSPEND)
                    .build(),
                "cb-eu"))
        .hasMessage("record.action: SUSPEND not allowed for a certificate that is not granted");
    CertificationDecision renew =
        trusted(log, joint).setAction(Action.RENEW).setValidUntil(log.now + 700 * DAY).build();
    assertThat(log.reject(renew, "cb-eu"))
        .hasMessage("record.action: RENEW not allowed for a certificate that is SUSPENDED");
    log.append(
        decision(joint, SampleData.ASSIST, SampleRecords.ETHICAL, Action.WITHDRAW).build(),
        "reg-gb");
    assertThat(
            log.reject(
                decision(joint, SampleData.ASSIST, SampleRecords.ETHICAL, Action.REINSTATE).build(),
                "reg-gb"))
        .isInstanceOf(RecordRuleException.class)
        .hasMessage("record.action: REINSTATE not allowed for a certificate that is WITHDRAWN");
    assertThat(
            log.reject(
                decision(joint, SampleData.FRONTIER, SampleRecords.ETHICAL, Action.WITHDRAW)
                    .build(),
                "reg-gb"))
        .hasMessage("record.subject: not the certificate's subject");
    assertThat(
            log.reject(
                decision(joint, SampleData.ASSIST, SampleRecords.ETHICAL, Action.WITHDRAW)
                    .setValidFrom(5)
                    .build(),
                "reg-gb"))
        .isInstanceOf(MalformedException.class)
        .hasMessage("record.valid_from: must be 0 for this action");
  }

  @Test
  void renewAfterExpiryOnlyWhereTheSchemeAllowsIt() {
    TestLog log = TestLog.sample();
    log.append(
        grant(log, "EAI-9", SampleData.ASSIST, "Basic Compliance", 1, 13, 14).build(), "cb-eu");
    log.now += 2 * DAY;
    CertificationDecision.Builder late =
        grant(log, "EAI-9", SampleData.ASSIST, "Basic Compliance", 30, 13, 14)
            .setAction(Action.RENEW);
    assertThat(log.reject(late.build(), "cb-eu"))
        .hasMessage("record.action: RENEW not allowed for a certificate that is EXPIRED");

    log.now = TestLog.START + 800 * DAY; // the safety certificate ran out at START + 730 days
    int[] fresh = new int[4];
    String[] kinds = {
      "annual-safety-report", "dataset-sources", "interpretability-report", "energy-use-report"
    };
    for (int i = 0; i < 4; i++) {
      fresh[i] =
          (int)
              log.append(
                      audit(log, "AUD-R" + i, SampleData.FRONTIER, "auditor-gb", kinds[i]),
                      "auditor-gb")
                  .index();
    }
    CertificationDecision.Builder renew =
        grant(
                log,
                SampleData.RENEWED_CERTIFICATE,
                SampleData.FRONTIER,
                "Tier 3 Frontier Safety",
                365,
                fresh)
            .setAction(Action.RENEW);
    log.append(renew.build(), "cb-gb");
    assertThat(
            CertificateStatusCalculator.statusAt(
                log.state.decisions(SampleData.RENEWED_CERTIFICATE), log.state.size(), log.now))
        .contains(CertificateStatus.ACTIVE);
  }
}
