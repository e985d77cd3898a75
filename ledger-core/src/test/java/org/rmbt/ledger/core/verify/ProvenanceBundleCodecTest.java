package org.rmbt.ledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.record.CertificateStatus;

/** The provenance fields of rmbt-proof-bundle/v1: optional, strict, and absent from old bundles. */
class ProvenanceBundleCodecTest {
  static final ProofBundle PLAIN =
      new ProofBundle("k", "note\n", List.of(), List.of(), List.of(), 0, List.of());
  static final ProofBundle PROVENANCE =
      new ProofBundle(
          "k",
          "note\n",
          List.of(),
          List.of(),
          List.of(),
          0,
          List.of(),
          List.of("model:acme-assist", "cert:EAI-2026-0001"),
          List.of(new ProofBundle.Claim("EAI-2026-0001", CertificateStatus.SUSPENDED, 42)));

  @Test
  void oldBundlesKeepTheirTextAndNewFieldsRoundTrip() throws Exception {
    String plain = ProofBundleCodec.encode(PLAIN);
    assertThat(plain).doesNotContain("subjects").doesNotContain("claims");
    assertThat(ProofBundleCodec.decode(plain)).isEqualTo(PLAIN);
    assertThat(ProofBundleCodec.decode(plain).claimsProvenance()).isFalse();
    String json = ProofBundleCodec.encode(PROVENANCE);
    assertThat(ProofBundleCodec.decode(json)).isEqualTo(PROVENANCE);
    assertThat(ProofBundleCodec.encode(ProofBundleCodec.decode(json))).isEqualTo(json);
    assertThat(ProofBundleCodec.decode(json).claimsProvenance()).isTrue();
  }

  @Test
  void provenanceFieldsAreStrict() {
    String json = ProofBundleCodec.encode(PROVENANCE);
    refused(json.replace("SUSPENDED", "suspended"), "bundle.claims[0].status");
    refused(json.replace("\"asOf\" : 42", "\"asOf\" : 4.2"), "bundle.claims[0].asOf");
    refused(json.replace("\"asOf\" : 42", "\"asOf\" : -42"), "bundle.claims[0].asOf");
    refused(json.replace("\"asOf\" : 42", "\"asOf\" : \"42\""), "bundle.claims[0].asOf");
    refused(json.replace("\"asOf\"", "\"asof\""), "bundle.claims[0].asof");
    refused(json.replace("\"cert:EAI-2026-0001\"", "\"model:acme-assist\""), "bundle.subjects[1]");
    refused(json.replace("\"cert:EAI-2026-0001\"", "\"\""), "bundle.subjects[1]");
    refused(json.replace("\"cert:EAI-2026-0001\"", "\"cert:a b\""), "bundle.subjects[1]");
    refused(json.replace("\"cert:EAI-2026-0001\"", "7"), "bundle.subjects[1]");
    refused(json.replace("\"subjects\" : [", "\"subjects\" : {"), "bundle");
  }

  @Test
  void aCertificateIsClaimedOnce() {
    ProofBundle twice =
        new ProofBundle(
            "k",
            "note\n",
            List.of(),
            List.of(),
            List.of(),
            0,
            List.of(),
            List.of(),
            List.of(
                new ProofBundle.Claim("C", CertificateStatus.ACTIVE, 1),
                new ProofBundle.Claim("C", CertificateStatus.ACTIVE, 2)));
    refused(ProofBundleCodec.encode(twice), "bundle.claims[1].certificate");
  }

  private static void refused(String json, String field) {
    assertThatThrownBy(() -> ProofBundleCodec.decode(json))
        .isInstanceOf(MalformedException.class)
        .hasMessageStartingWith(field);
  }
}
