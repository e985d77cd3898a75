package org.rmbt.ledger.core.record;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.AuditRecord;
import org.rmbt.ledger.proto.DocumentDigest;
import org.rmbt.ledger.proto.ModelRef;
import org.rmbt.ledger.proto.Period;
import org.rmbt.ledger.proto.Role;

/**
 * Audit records: evidence about one model version, signed by the auditor (or certification body) it
 * names. Documents appear only as SHA-256 digests or salted commitments.
 */
final class AuditRules {
  static final int MAX_DOCUMENTS = 64;
  static final int MAX_FINDINGS = 256;
  static final int MAX_METRICS = 64;
  static final Set<Role> AUDITORS = Set.of(Role.AUDITOR, Role.CERTIFICATION_BODY);

  private AuditRules() {}

  static List<String> admit(
      RecordState s, AuditRecord a, List<Participant> signers, long integratedAt)
      throws MalformedException, RecordRejectedException {
    FieldRules.id("record.audit_id", a.getAuditId());
    FieldRules.modelRef("record.subject", a.hasSubject(), a.getSubject());
    FieldRules.id("record.auditor_id", a.getAuditorId());
    FieldRules.kind("record.evidence_kind", a.getEvidenceKind());
    checkDocuments(a);
    FieldRules.count("record.findings", a.getFindingsCount(), 0, MAX_FINDINGS);
    for (int i = 0; i < a.getFindingsCount(); i++) {
      FieldRules.text("record.findings[" + i + "]", a.getFindings(i), 4096);
    }
    FieldRules.count("record.metrics", a.getMetricsCount(), 0, MAX_METRICS);
    for (Map.Entry<String, Double> e : a.getMetricsMap().entrySet()) {
      FieldRules.metricName("record.metrics[" + e.getKey() + "]", e.getKey());
      if (!Double.isFinite(e.getValue())) {
        throw new MalformedException("record.metrics[" + e.getKey() + "]", "not a finite number");
      }
    }
    FieldRules.time("record.issued_at", a.getIssuedAt());
    checkPeriod(a.hasPeriod(), a.getPeriod(), a.getIssuedAt());
    checkReferences(s, a, integratedAt);
    Authority.requireSigner(signers, "envelope.signatures", a.getAuditorId(), AUDITORS);
    return ModelRules.subjects(a.getSubject());
  }

  private static void checkDocuments(AuditRecord a) throws MalformedException {
    FieldRules.count("record.documents", a.getDocumentsCount(), 1, MAX_DOCUMENTS);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < a.getDocumentsCount(); i++) {
      String f = "record.documents[" + i + "]";
      DocumentDigest d = a.getDocuments(i);
      FieldRules.text(f + ".name", d.getName(), 256);
      if (!names.add(d.getName())) {
        throw new MalformedException(f + ".name", "names another document too");
      }
      switch (d.getValueCase()) {
        case SHA256 -> FieldRules.hash(f + ".sha256", d.getSha256());
        case COMMITMENT -> FieldRules.hash(f + ".commitment", d.getCommitment());
        default -> throw new MalformedException(f, "needs a sha256 or a commitment");
      }
    }
  }

  private static void checkPeriod(boolean present, Period p, long issuedAt)
      throws MalformedException {
    if (!present) {
      throw new MalformedException("record.period", "missing");
    }
    FieldRules.time("record.period.from", p.getFrom());
    FieldRules.time("record.period.until", p.getUntil());
    if (p.getUntil() < p.getFrom()) {
      throw new MalformedException("record.period.until", "before period.from");
    }
    if (p.getUntil() > issuedAt) {
      throw new MalformedException("record.period.until", "after issued_at");
    }
  }

  private static void checkReferences(RecordState s, AuditRecord a, long integratedAt)
      throws RecordRuleException {
    if (a.getIssuedAt() > integratedAt) {
      throw new RecordRuleException("record.issued_at", "after the entry's integration time");
    }
    if (s.auditIds.get(a.getAuditId()).isPresent()) {
      throw new RecordRuleException("record.audit_id", "already used");
    }
    ModelRef m = a.getSubject();
    if (s.modelVersion(m.getModelId(), m.getVersion()).isEmpty()) {
      throw new RecordRuleException(
          "record.subject", "no model version " + m.getModelId() + "@" + m.getVersion());
    }
  }

  static void apply(RecordState.Builder b, AuditRecord a, long index, Hash leafHash) {
    b.audits = b.audits.with(index, new AuditAtIndex(index, leafHash, a));
    b.auditIds = b.auditIds.with(a.getAuditId(), index);
  }
}
