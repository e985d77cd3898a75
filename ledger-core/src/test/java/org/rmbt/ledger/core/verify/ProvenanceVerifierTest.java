package org.rmbt.ledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.ledger.CompliancePolicy;
import org.rmbt.ledger.core.record.CertificateStatus;
import org.rmbt.ledger.core.record.SampleData;
import org.rmbt.ledger.core.record.UnknownSignerException;

/** Provenance bundles of the sample story, assembled from a real ledger, verified offline. */
class ProvenanceVerifierTest {
  static final long AS_OF = SampleLedger.START + 30L * 86_400_000L;
  static final String CERT = "cert:" + SampleData.JOINT_CERTIFICATE;
  @TempDir static Path dir;
  static SampleLedger log;
  static CompliancePolicy policy = new CompliancePolicy();
  static ProofBundle bundle;

  @BeforeAll
  static void buildLog() throws Exception {
    log = new SampleLedger(dir, policy).appendSteps(SampleLedger.SAMPLE.steps().size());
    bundle =
        log.assembler().forModel(policy.state(), "acme-assist", AS_OF, new TreeSet<>(List.of(10L)));
  }

  @AfterAll
  static void close() {
    log.close();
  }

  static VerifiedProvenance verify(ProofBundle b) throws Exception {
    return SampleLedger.verifier().verify(b);
  }

  @Test
  void jointlyCertifiedModelIsSuspendedAndTheBundleShowsIt() throws Exception {
    VerifiedProvenance v = verify(ProofBundleCodec.decode(ProofBundleCodec.encode(bundle)));
    assertThat(v.statuses())
        .containsExactly(
            new ProofBundle.Claim(
                SampleData.JOINT_CERTIFICATE, CertificateStatus.SUSPENDED, AS_OF));
    assertThat(v.subjects())
        .contains(
            "participant:reg-eu",
            "participant:cb-gb",
            "model:acme-assist",
            CERT,
            "scheme:ethical-ai-certification")
        .doesNotContain("model:nimbus-frontier");
    assertThat(indexes(bundle))
        .contains(0L, (long) SampleLedger.step("joint GRANT"), (long) SampleLedger.step("SUSPEND"))
        .doesNotContain((long) SampleLedger.step("RENEW"));
    assertThat(v.entriesReplayed()).isEqualTo(bundle.entries().size());
    assertThat(v.bundle().consistencyProofs()).isEqualTo(1);
    String json = ProofBundleCodec.encode(bundle);
    assertThat(ProofBundleCodec.encode(ProofBundleCodec.decode(json))).isEqualTo(json);
  }

  @Test
  void lineageAcrossModelIdsIsIncludedAndVerifies() throws Exception {
    ProofBundle frontier =
        log.assembler().forModel(policy.state(), "nimbus-frontier", AS_OF, new TreeSet<>());
    VerifiedProvenance v = verify(frontier);
    assertThat(v.subjects())
        .contains("model:nimbus-frontier", "model:acme-assist@1.1.0", "model:acme-assist@1.0.0")
        .contains(CERT, "cert:" + SampleData.RENEWED_CERTIFICATE);
    // Claims only for the model's own certificates; the parent's are evidence of lineage.
    assertThat(v.statuses())
        .containsExactly(
            new ProofBundle.Claim(SampleData.RENEWED_CERTIFICATE, CertificateStatus.ACTIVE, AS_OF));
    ProofBundle version =
        log.assembler().forVersion(policy.state(), SampleData.ASSIST, AS_OF, new TreeSet<>());
    assertThat(verify(version).statuses()).hasSize(1);
    assertThat(version.subjects()).contains("model:acme-assist@1.0.0");
  }

  @Test
  void droppedEntryIsAGapNamedByItsSubject() {
    long grant = SampleLedger.step("joint GRANT");
    long suspend = SampleLedger.step("SUSPEND");
    assertThatThrownBy(() -> verify(withoutEntry(bundle, grant)))
        .isInstanceOf(ProvenanceException.class)
        .hasMessage(CERT + ": entry " + suspend + " links to a leaf not in the bundle");
  }

  @Test
  void changedClaimIsRefusedWithTheComputedStatus() {
    ProofBundle lying =
        with(
            bundle,
            b ->
                List.of(
                    new ProofBundle.Claim(
                        SampleData.JOINT_CERTIFICATE, CertificateStatus.ACTIVE, AS_OF)));
    assertThatThrownBy(() -> verify(lying))
        .isInstanceOf(ProvenanceException.class)
        .hasMessage(
            "claims[0] ("
                + SampleData.JOINT_CERTIFICATE
                + "): claims ACTIVE, but the entries give SUSPENDED as of size 27 and time "
                + AS_OF);
  }

  @Test
  void missingSignerRegistrationIsRefused() {
    long cbGb = SampleLedger.step("register cb-gb");
    long grant = SampleLedger.step("joint GRANT");
    ProofBundle dropped = withoutEntry(bundle, cbGb);
    // Still named as a subject: its chain is now empty.
    assertThatThrownBy(() -> verify(dropped))
        .isInstanceOf(ProvenanceException.class)
        .hasMessage("participant:cb-gb: no entry in the bundle is about it");
    // Subject dropped too: the joint GRANT is signed by a key nobody registered.
    ProofBundle hidden = withoutSubject(dropped, "participant:cb-gb");
    assertThatThrownBy(() -> verify(hidden))
        .isInstanceOf(ProvenanceException.class)
        .hasMessageStartingWith("entry " + grant + ": envelope.signatures[1]: signer ")
        .hasMessageEndingWith(" is not a known key")
        .hasCauseInstanceOf(UnknownSignerException.class);
    // Registration held but not claimed complete: a revocation could be missing.
    assertThatThrownBy(() -> verify(withoutSubject(bundle, "participant:cb-gb")))
        .isInstanceOf(ProvenanceException.class)
        .hasMessage(
            "entry "
                + grant
                + ": signer cb-gb is not among the bundle's subjects (participant:cb-gb),"
                + " so its revocation could be missing");
  }

  @Test
  void claimAboutACertificateNotHeldCompletelyIsRefused() {
    assertThatThrownBy(() -> verify(withoutSubject(bundle, CERT)))
        .isInstanceOf(ProvenanceException.class)
        .hasMessage(
            "claims[0] ("
                + SampleData.JOINT_CERTIFICATE
                + "): "
                + CERT
                + " is not among the subjects the bundle holds without a gap");
  }

  @Test
  void genesisIsRequired() {
    assertThatThrownBy(() -> verify(withoutEntry(bundle, 0)))
        .isInstanceOf(ProvenanceException.class)
        .hasMessageStartingWith("participant:reg-eu: ");
    ProofBundle noFounders =
        withoutSubject(
            withoutSubject(withoutEntry(bundle, 0), "participant:reg-eu"), "participant:reg-gb");
    assertThatThrownBy(() -> verify(noFounders))
        .isInstanceOf(ProvenanceException.class)
        .hasMessage("entry 0: the genesis is not in the bundle, so no signer can be trusted");
  }

  static List<Long> indexes(ProofBundle b) {
    return b.entries().stream().map(ProofBundle.Entry::index).toList();
  }

  static ProofBundle withoutEntry(ProofBundle b, long index) {
    List<ProofBundle.Entry> es = new ArrayList<>(b.entries());
    assertThat(es.removeIf(e -> e.index() == index)).isTrue();
    return new ProofBundle(
        b.logKey(),
        b.checkpoint(),
        es,
        b.consistency(),
        b.witnesses(),
        b.witnessQuorum(),
        b.anchors(),
        b.subjects(),
        b.claims());
  }

  static ProofBundle withoutSubject(ProofBundle b, String subject) {
    List<String> subjects = new ArrayList<>(b.subjects());
    assertThat(subjects.remove(subject)).isTrue();
    return new ProofBundle(
        b.logKey(),
        b.checkpoint(),
        b.entries(),
        b.consistency(),
        b.witnesses(),
        b.witnessQuorum(),
        b.anchors(),
        subjects,
        b.claims());
  }

  static ProofBundle with(ProofBundle b, UnaryOperator<List<ProofBundle.Claim>> claims) {
    return new ProofBundle(
        b.logKey(),
        b.checkpoint(),
        b.entries(),
        b.consistency(),
        b.witnesses(),
        b.witnessQuorum(),
        b.anchors(),
        b.subjects(),
        claims.apply(b.claims()));
  }
}
