package org.rmbt.ledger.core.record;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.proto.AuditRecord;
import org.rmbt.ledger.proto.CertificationScheme;
import org.rmbt.ledger.proto.DocumentDigest;
import org.rmbt.ledger.proto.Founder;
import org.rmbt.ledger.proto.JointRule;
import org.rmbt.ledger.proto.Level;
import org.rmbt.ledger.proto.ModelRef;
import org.rmbt.ledger.proto.ModelVersion;
import org.rmbt.ledger.proto.ParticipantRegistration;
import org.rmbt.ledger.proto.Period;
import org.rmbt.ledger.proto.Role;

/** Record builders for {@link SampleData}: realistic values, all randomness from one seed. */
final class SampleRecords {
  static final long DAY = FieldRules.DAY_MILLIS;
  static final String ETHICAL = "ethical-ai-certification";
  static final String SAFETY = "ai-safety-standard";

  private SampleRecords() {}

  /** The ethical-AI programme: four levels up to Trusted AI Platform, renewed every two years. */
  static CertificationScheme ethicalAiScheme() {
    List<String> basic = List.of("algorithm-documentation", "data-sourcing-records");
    return CertificationScheme.newBuilder()
        .setSchemeId(ETHICAL)
        .setVersion(1)
        .setTitle("Ethical AI Certification")
        .addLevels(level("Basic Compliance", basic))
        .addLevels(level("Responsible AI", basic, "bias-assessment-report"))
        .addLevels(level("Accountable AI", basic, "bias-assessment-report", "risk-mitigation-plan"))
        .addLevels(
            level(
                "Trusted AI Platform",
                basic,
                "bias-assessment-report",
                "risk-mitigation-plan",
                "responsibility-index"))
        .setValidityDays(730)
        .setMaxEvidenceAgeDays(180)
        .addAllRiskTiers(List.of("minimal", "limited", "high"))
        .setRenewAfterExpiryAllowed(false)
        .setJoint(JointRule.newBuilder().setMinSigners(2).setMinJurisdictions(2))
        .build();
  }

  /** The three-tier safety standard: an annual safety report, dataset sources and more. */
  static CertificationScheme aiSafetyScheme() {
    List<String> tier1 = List.of("annual-safety-report", "dataset-sources");
    return CertificationScheme.newBuilder()
        .setSchemeId(SAFETY)
        .setVersion(1)
        .setTitle("AI Safety Standard")
        .addLevels(level("Tier 1 Foundational Safety", tier1))
        .addLevels(level("Tier 2 Assured Safety", tier1, "interpretability-report"))
        .addLevels(
            level("Tier 3 Frontier Safety", tier1, "interpretability-report", "energy-use-report"))
        .setValidityDays(365)
        .setMaxEvidenceAgeDays(365)
        .addAllRiskTiers(List.of("limited", "high", "systemic"))
        .setRenewAfterExpiryAllowed(true)
        .setJoint(JointRule.newBuilder().setMinSigners(2).setMinJurisdictions(2))
        .build();
  }

  private static Level level(String name, List<String> base, String... more) {
    return Level.newBuilder()
        .setName(name)
        .addAllRequiredEvidence(base)
        .addAllRequiredEvidence(List.of(more))
        .build();
  }

  static ParticipantRegistration register(
      String id, Role role, String jurisdiction, Ed25519PrivateKey key, long validFrom) {
    return ParticipantRegistration.newBuilder()
        .setAction(ParticipantRegistration.Action.REGISTER)
        .setParticipantId(id)
        .addRoles(role)
        .setJurisdiction(jurisdiction)
        .setPublicKey(ByteString.copyFrom(key.publicKey().bytes()))
        .setValidFrom(validFrom)
        .build();
  }

  static ModelVersion model(
      Random rnd,
      String id,
      String version,
      String provider,
      ModelRef parent,
      String tier,
      long releasedAt) {
    ModelVersion.Builder b =
        ModelVersion.newBuilder()
            .setModelId(id)
            .setVersion(version)
            .setProviderId(provider)
            .setArtifactDigest(digest(rnd))
            .addTrainingDataDigests(digest(rnd))
            .addTrainingDataDigests(digest(rnd))
            .setRiskTier(tier)
            .setReleasedAt(releasedAt);
    if (parent != null) {
      b.setParent(parent);
    }
    return b.build();
  }

  static ModelRef ref(String id, String version) {
    return ModelRef.newBuilder().setModelId(id).setVersion(version).build();
  }

  /**
   * An audit of {@code kind} with one document; bias reports are salted commitments (they hold
   * personal data about test subjects), everything else plain SHA-256.
   */
  static AuditRecord audit(
      Random rnd,
      String auditId,
      ModelRef subject,
      String auditor,
      String kind,
      Map<String, Double> metrics,
      long issuedAt) {
    byte[] doc =
        (kind + " for " + subject.getModelId() + "@" + subject.getVersion() + " #" + rnd.nextLong())
            .getBytes(StandardCharsets.UTF_8);
    DocumentDigest.Builder d = DocumentDigest.newBuilder().setName(kind + ".pdf");
    if (kind.startsWith("bias")) {
      byte[] salt = new byte[Commitment.SALT_BYTES];
      rnd.nextBytes(salt);
      d.setCommitment(bytes(Commitment.make(salt, doc)));
    } else {
      d.setSha256(bytes(Hashing.sha256(doc)));
    }
    return AuditRecord.newBuilder()
        .setAuditId(auditId)
        .setSubject(subject)
        .setAuditorId(auditor)
        .setEvidenceKind(kind)
        .addDocuments(d)
        .addFindings("No blocking findings; " + (1 + rnd.nextInt(4)) + " minor observations")
        .putAllMetrics(metrics)
        .setPeriod(Period.newBuilder().setFrom(issuedAt - 90 * DAY).setUntil(issuedAt - DAY))
        .setIssuedAt(issuedAt)
        .build();
  }

  static ByteString bytes(Hash h) {
    return ByteString.copyFrom(h.bytes());
  }

  private static ByteString digest(Random rnd) {
    byte[] b = new byte[64];
    rnd.nextBytes(b);
    return bytes(Hashing.sha256(b));
  }

  static Founder founder(String id, String jurisdiction, Ed25519PrivateKey k) {
    return Founder.newBuilder()
        .setParticipantId(id)
        .setJurisdiction(jurisdiction)
        .setPublicKey(com.google.protobuf.ByteString.copyFrom(k.publicKey().bytes()))
        .build();
  }
}
