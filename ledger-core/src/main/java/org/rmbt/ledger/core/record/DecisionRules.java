package org.rmbt.ledger.core.record;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.CertificationDecision;
import org.rmbt.ledger.proto.CertificationDecision.Action;
import org.rmbt.ledger.proto.CertificationScheme;
import org.rmbt.ledger.proto.ModelVersion;
import org.rmbt.ledger.proto.Role;

/**
 * Certification decisions: references resolve (model version, scheme and level, evidence), the
 * status transition is legal ({@link CertificateTransitions}), and the signers may decide — one
 * certification body or regulator, or for a joint decision the scheme's k signers from its minimum
 * number of jurisdictions. Evidence and validity rules live in {@link EvidenceRules}.
 */
final class DecisionRules {
  static final Set<Role> DECIDERS = Set.of(Role.CERTIFICATION_BODY, Role.REGULATOR);
  static final int MAX_EVIDENCE = 64;

  private DecisionRules() {}

  static List<String> admit(
      RecordState s, CertificationDecision d, List<Participant> signers, long index, long at)
      throws MalformedException, RecordRejectedException {
    checkFields(d, index);
    List<DecisionAtIndex> history = s.decisions(d.getCertificateId());
    checkSameCertificate(history, d);
    ModelVersion model =
        s.modelVersion(d.getSubject().getModelId(), d.getSubject().getVersion())
            .orElseThrow(() -> new RecordRuleException("record.subject", "no such model version"));
    CertificationScheme scheme =
        s.scheme(d.getScheme().getSchemeId(), d.getScheme().getVersion())
            .orElseThrow(() -> new RecordRuleException("record.scheme", "no such scheme version"));
    Optional<CertificateStatus> status = CertificateStatusCalculator.statusAt(history, index, at);
    if (!CertificateTransitions.allowed(
        status, d.getAction(), scheme.getRenewAfterExpiryAllowed())) {
      throw new RecordRuleException(
          "record.action",
          d.getAction()
              + " not allowed for a certificate that is "
              + status.map(Enum::name).orElse("not granted"));
    }
    List<AuditAtIndex> evidence = EvidenceRules.resolve(s, d);
    if (d.getAction() == Action.GRANT || d.getAction() == Action.RENEW) {
      EvidenceRules.checkCertifying(scheme, model, d, evidence, history, at);
    }
    checkSigners(scheme, d, signers);
    return List.of(
        "cert:" + d.getCertificateId(),
        "model:" + d.getSubject().getModelId(),
        "model:" + d.getSubject().getModelId() + "@" + d.getSubject().getVersion());
  }

  private static void checkFields(CertificationDecision d, long index) throws MalformedException {
    FieldRules.id("record.certificate_id", d.getCertificateId());
    FieldRules.modelRef("record.subject", d.hasSubject(), d.getSubject());
    if (!d.hasScheme()) {
      throw new MalformedException("record.scheme", "missing");
    }
    FieldRules.id("record.scheme.scheme_id", d.getScheme().getSchemeId());
    FieldRules.range("record.scheme.version", d.getScheme().getVersion(), 1, Integer.MAX_VALUE);
    if (d.getAction() == Action.ACTION_UNSPECIFIED || d.getAction() == Action.UNRECOGNIZED) {
      throw new MalformedException("record.action", "not a decision action");
    }
    FieldRules.code("record.reason_code", d.getReasonCode());
    if (d.getAction() == Action.GRANT || d.getAction() == Action.RENEW) {
      FieldRules.text("record.level", d.getLevel(), 64);
      FieldRules.time("record.valid_from", d.getValidFrom());
      FieldRules.time("record.valid_until", d.getValidUntil());
      if (d.getValidUntil() <= d.getValidFrom()) {
        throw new MalformedException("record.valid_until", "not after valid_from");
      }
    } else {
      FieldRules.empty("record.level", d.getLevel());
      FieldRules.zero("record.valid_from", d.getValidFrom());
      FieldRules.zero("record.valid_until", d.getValidUntil());
    }
    FieldRules.count("record.evidence", d.getEvidenceCount(), 0, MAX_EVIDENCE);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < d.getEvidenceCount(); i++) {
      String f = "record.evidence[" + i + "]";
      FieldRules.range(f + ".index", d.getEvidence(i).getIndex(), 0, index - 1);
      FieldRules.hash(f + ".leaf_hash", d.getEvidence(i).getLeafHash());
      if (!seen.add(d.getEvidence(i).getIndex())) {
        throw new MalformedException(f + ".index", "cited twice");
      }
    }
  }

  /** Later decisions must name the certificate's subject and scheme version as granted. */
  private static void checkSameCertificate(List<DecisionAtIndex> history, CertificationDecision d)
      throws RecordRuleException {
    if (history.isEmpty()) {
      return;
    }
    CertificationDecision first = history.get(0).decision();
    if (d.getAction() == Action.GRANT) {
      throw new RecordRuleException(
          "record.certificate_id", "already granted at index " + history.get(0).index());
    }
    if (!first.getSubject().equals(d.getSubject())) {
      throw new RecordRuleException("record.subject", "not the certificate's subject");
    }
    if (!first.getScheme().equals(d.getScheme())) {
      throw new RecordRuleException("record.scheme", "not the certificate's scheme version");
    }
  }

  private static void checkSigners(
      CertificationScheme scheme, CertificationDecision d, List<Participant> signers)
      throws RecordRejectedException {
    List<Participant> deciders = new ArrayList<>(Authority.withRole(signers, DECIDERS));
    if (!d.getJoint()) {
      if (deciders.isEmpty()) {
        throw new UnauthorizedSignerException(
            "envelope.signatures", "needs a certification body or regulator signature");
      }
      return;
    }
    if (!scheme.hasJoint()) {
      throw new RecordRuleException(
          "record.joint", "scheme " + scheme.getSchemeId() + " defines no joint decisions");
    }
    Authority.requireJoint(
        deciders, scheme.getJoint().getMinSigners(), scheme.getJoint().getMinJurisdictions());
  }

  static void apply(RecordState.Builder b, CertificationDecision d, long index) {
    List<DecisionAtIndex> history =
        new ArrayList<>(b.certificates.get(d.getCertificateId()).orElse(List.of()));
    history.add(new DecisionAtIndex(index, d));
    b.certificates = b.certificates.with(d.getCertificateId(), List.copyOf(history));
  }
}
