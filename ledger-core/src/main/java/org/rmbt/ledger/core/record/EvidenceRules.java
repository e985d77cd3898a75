package org.rmbt.ledger.core.record;

import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.proto.AuditRecord;
import org.rmbt.ledger.proto.CertificationDecision;
import org.rmbt.ledger.proto.CertificationDecision.Action;
import org.rmbt.ledger.proto.CertificationScheme;
import org.rmbt.ledger.proto.EntryRef;
import org.rmbt.ledger.proto.Level;
import org.rmbt.ledger.proto.ModelVersion;

/**
 * What a GRANT or RENEW must show: cited audit entries of the same model version, covering every
 * evidence kind its level requires, none older than the scheme's maximum evidence age at the
 * integration time, and a validity no longer than the scheme's period.
 */
final class EvidenceRules {
  private EvidenceRules() {}

  /** The cited audit records; each citation must name an audit entry of the decision's subject. */
  static List<AuditAtIndex> resolve(RecordState s, CertificationDecision d)
      throws RecordRuleException {
    List<AuditAtIndex> out = new ArrayList<>();
    for (int i = 0; i < d.getEvidenceCount(); i++) {
      EntryRef ref = d.getEvidence(i);
      String f = "record.evidence[" + i + "]";
      AuditAtIndex a =
          s.audit(ref.getIndex())
              .orElseThrow(
                  () ->
                      new RecordRuleException(
                          f + ".index", "entry " + ref.getIndex() + " is not an audit record"));
      if (!a.leafHash().equals(new Hash(ref.getLeafHash().toByteArray()))) {
        throw new RecordRuleException(
            f + ".leaf_hash", "does not match entry " + ref.getIndex() + " of the log");
      }
      if (!a.audit().getSubject().equals(d.getSubject())) {
        throw new RecordRuleException(f, "audit of another model version");
      }
      out.add(a);
    }
    return out;
  }

  static void checkCertifying(
      CertificationScheme scheme,
      ModelVersion model,
      CertificationDecision d,
      List<AuditAtIndex> evidence,
      List<DecisionAtIndex> history,
      long at)
      throws RecordRuleException {
    Level level =
        SchemeRules.level(scheme, d.getLevel())
            .orElseThrow(
                () ->
                    new RecordRuleException(
                        "record.level", "scheme " + scheme.getSchemeId() + " has no such level"));
    if (scheme.getRiskTiersCount() > 0
        && !scheme.getRiskTiersList().contains(model.getRiskTier())) {
      throw new RecordRuleException(
          "record.subject", "risk tier " + model.getRiskTier() + " is not covered by the scheme");
    }
    checkFresh(scheme, evidence, at);
    for (String kind : level.getRequiredEvidenceList()) {
      if (evidence.stream()
          .map(AuditAtIndex::audit)
          .map(AuditRecord::getEvidenceKind)
          .noneMatch(kind::equals)) {
        throw new RecordRuleException(
            "record.evidence", "level " + level.getName() + " requires " + kind + " evidence");
      }
    }
    checkValidity(scheme, d, history, at);
  }

  private static void checkFresh(CertificationScheme scheme, List<AuditAtIndex> evidence, long at)
      throws RecordRuleException {
    long maxAge = scheme.getMaxEvidenceAgeDays() * FieldRules.DAY_MILLIS;
    for (int i = 0; i < evidence.size(); i++) {
      long age = at - evidence.get(i).audit().getIssuedAt();
      if (age > maxAge) {
        throw new RecordRuleException(
            "record.evidence[" + i + "]",
            "issued "
                + age / FieldRules.DAY_MILLIS
                + " days before integration, scheme allows "
                + scheme.getMaxEvidenceAgeDays());
      }
    }
  }

  private static void checkValidity(
      CertificationScheme scheme, CertificationDecision d, List<DecisionAtIndex> history, long at)
      throws RecordRuleException {
    long length = d.getValidUntil() - d.getValidFrom();
    if (length > scheme.getValidityDays() * FieldRules.DAY_MILLIS) {
      throw new RecordRuleException(
          "record.valid_until",
          "validity longer than the scheme's " + scheme.getValidityDays() + " days");
    }
    if (d.getValidUntil() <= at) {
      throw new RecordRuleException("record.valid_until", "not after the integration time");
    }
    if (d.getAction() == Action.GRANT) {
      if (d.getValidFrom() > at) {
        throw new RecordRuleException("record.valid_from", "after the integration time");
      }
      return;
    }
    long current = currentValidUntil(history);
    if (d.getValidUntil() <= current) {
      throw new RecordRuleException(
          "record.valid_until", "does not extend the validity ending at " + current);
    }
    if (d.getValidFrom() > Math.max(current, at)) {
      throw new RecordRuleException("record.valid_from", "leaves a gap after the current validity");
    }
  }

  private static long currentValidUntil(List<DecisionAtIndex> history) {
    long until = Long.MIN_VALUE;
    for (DecisionAtIndex h : history) {
      Action a = h.decision().getAction();
      if (a == Action.GRANT || a == Action.RENEW) {
        until = h.decision().getValidUntil();
      }
    }
    return until;
  }
}
