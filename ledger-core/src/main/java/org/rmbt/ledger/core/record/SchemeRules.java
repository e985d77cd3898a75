package org.rmbt.ledger.core.record;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.CertificationScheme;
import org.rmbt.ledger.proto.JointRule;
import org.rmbt.ledger.proto.Level;

/**
 * Certification schemes are data: levels, validity, evidence and tiers change by logging a new
 * version (signed by the regulator quorum), never by changing code. Versions only go up.
 */
final class SchemeRules {
  static final int MAX_LEVELS = 16;
  static final int MAX_EVIDENCE_KINDS = 32;
  static final int MAX_DAYS = 3650;

  private SchemeRules() {}

  static List<String> admit(RecordState s, CertificationScheme c, List<Participant> signers)
      throws MalformedException, RecordRejectedException {
    FieldRules.id("record.scheme_id", c.getSchemeId());
    FieldRules.range("record.version", c.getVersion(), 1, Integer.MAX_VALUE);
    FieldRules.text("record.title", c.getTitle(), 256);
    FieldRules.count("record.levels", c.getLevelsCount(), 1, MAX_LEVELS);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < c.getLevelsCount(); i++) {
      checkLevel("record.levels[" + i + "]", c.getLevels(i), names);
    }
    FieldRules.range("record.validity_days", c.getValidityDays(), 1, MAX_DAYS);
    FieldRules.range("record.max_evidence_age_days", c.getMaxEvidenceAgeDays(), 1, MAX_DAYS);
    distinctKinds("record.risk_tiers", c.getRiskTiersList(), 0, MAX_LEVELS);
    if (c.hasJoint()) {
      JointRule j = c.getJoint();
      FieldRules.range("record.joint.min_signers", j.getMinSigners(), 2, EntryCodec.MAX_SIGNATURES);
      FieldRules.range(
          "record.joint.min_jurisdictions", j.getMinJurisdictions(), 2, j.getMinSigners());
    }
    Integer latest = s.latestSchemeVersion.get(c.getSchemeId()).orElse(0);
    if (c.getVersion() <= latest) {
      throw new RecordRuleException(
          "record.version",
          "must be above the latest version " + latest + " of " + c.getSchemeId());
    }
    Authority.requireRegulatorQuorum(signers, s.quorum());
    return List.of("scheme:" + c.getSchemeId());
  }

  private static void checkLevel(String field, Level l, Set<String> names)
      throws MalformedException {
    FieldRules.text(field + ".name", l.getName(), 64);
    if (!names.add(l.getName())) {
      throw new MalformedException(field + ".name", "names another level too");
    }
    distinctKinds(field + ".required_evidence", l.getRequiredEvidenceList(), 1, MAX_EVIDENCE_KINDS);
  }

  private static void distinctKinds(String field, List<String> kinds, int min, int max)
      throws MalformedException {
    FieldRules.count(field, kinds.size(), min, max);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < kinds.size(); i++) {
      FieldRules.kind(field + "[" + i + "]", kinds.get(i));
      if (!seen.add(kinds.get(i))) {
        throw new MalformedException(field + "[" + i + "]", "named twice");
      }
    }
  }

  static void apply(RecordState.Builder b, CertificationScheme c) {
    b.schemes = b.schemes.with(RecordState.schemeKey(c.getSchemeId(), c.getVersion()), c);
    b.latestSchemeVersion = b.latestSchemeVersion.with(c.getSchemeId(), c.getVersion());
  }

  /** The level named {@code name}, if the scheme has it. */
  static java.util.Optional<Level> level(CertificationScheme c, String name) {
    return c.getLevelsList().stream().filter(l -> l.getName().equals(name)).findFirst();
  }
}
