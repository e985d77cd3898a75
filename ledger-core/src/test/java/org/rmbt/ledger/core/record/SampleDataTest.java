package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.Role;

class SampleDataTest {
  @Test
  void wholeSampleIsAdmittedInOrder() {
    TestLog log = TestLog.sample();
    assertThat(log.state.size()).isEqualTo(27);
    assertThat(log.admissions.get(0).type()).isEqualTo(RecordType.GENESIS);
    assertThat(log.state.activeWithRole(Role.REGULATOR)).hasSize(2);
    assertThat(log.state.activeWithRole(Role.CERTIFICATION_BODY))
        .extracting(Participant::jurisdiction)
        .containsExactlyInAnyOrder("EU", "GB");
    assertThat(log.state.modelVersion("nimbus-frontier", "1.0.0").orElseThrow().getParent())
        .isEqualTo(SampleData.ASSIST);
  }

  @Test
  void sampleTellsTheStoryOfTheQuickstart() {
    TestLog log = TestLog.sample();
    List<DecisionAtIndex> joint = log.state.decisions(SampleData.JOINT_CERTIFICATE);
    assertThat(joint)
        .extracting(d -> d.decision().getAction().name())
        .containsExactly("GRANT", "SUSPEND");
    assertThat(joint.get(0).decision().getJoint()).isTrue();
    assertThat(status(log, SampleData.JOINT_CERTIFICATE, 19)).isEqualTo(CertificateStatus.ACTIVE);
    assertThat(status(log, SampleData.JOINT_CERTIFICATE, 27))
        .isEqualTo(CertificateStatus.SUSPENDED);
    List<DecisionAtIndex> renewed = log.state.decisions(SampleData.RENEWED_CERTIFICATE);
    assertThat(renewed)
        .extracting(d -> d.decision().getAction().name())
        .containsExactly("GRANT", "RENEW");
    long afterFirstYear = TestLog.START + 400 * FieldRules.DAY_MILLIS;
    assertThat(CertificateStatusCalculator.statusAt(renewed, 27, afterFirstYear).orElseThrow())
        .isEqualTo(CertificateStatus.ACTIVE);
    assertThat(CertificateStatusCalculator.statusAt(renewed, 25, afterFirstYear).orElseThrow())
        .as("before the renewal entry the certificate had expired by then")
        .isEqualTo(CertificateStatus.EXPIRED);
  }

  @Test
  void subjectsLinkEachEntryToItsModelAndCertificate() {
    TestLog log = TestLog.sample();
    assertThat(log.admissions.get(0).subjects())
        .containsExactly("participant:reg-eu", "participant:reg-gb");
    assertThat(log.admissions.get(8).subjects()).containsExactly("scheme:ethical-ai-certification");
    assertThat(log.admissions.get(11).subjects())
        .containsExactly("model:acme-assist", "model:acme-assist@1.1.0");
    assertThat(log.admissions.get(18).subjects())
        .containsExactly(
            "cert:" + SampleData.JOINT_CERTIFICATE, "model:acme-assist", "model:acme-assist@1.1.0");
  }

  @Test
  void sameSeedSameEnvelopes() {
    TestLog a = TestLog.sample();
    TestLog b = TestLog.sample();
    assertThat(b.leaves).isEqualTo(a.leaves);
    SampleData.Sample other = SampleData.generate(new Random(7), TestLog.START);
    Envelope first = other.steps().get(0).envelope(List.of());
    Envelope again =
        SampleData.generate(new Random(7), TestLog.START).steps().get(0).envelope(List.of());
    Envelope seed42 =
        SampleData.generate(new Random(42), TestLog.START).steps().get(0).envelope(List.of());
    assertThat(again).isEqualTo(first);
    assertThat(seed42).isNotEqualTo(first);
    assertThat(other.keys())
        .containsKeys("reg-eu", "cb-gb", "auditor-eu", "provider-nimbus", "witness-gb");
  }

  private static CertificateStatus status(TestLog log, String cert, long size) {
    return CertificateStatusCalculator.statusAt(log.state.decisions(cert), size, log.now)
        .orElseThrow();
  }
}
