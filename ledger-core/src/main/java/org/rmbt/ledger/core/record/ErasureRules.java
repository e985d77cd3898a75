package org.rmbt.ledger.core.record;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.AuditRecord;
import org.rmbt.ledger.proto.Erasure;
import org.rmbt.ledger.proto.Role;

/**
 * Erasure (DESIGN.md): the off-ledger document and its salt are destroyed, and this record says
 * which one and why. It names a document of an audit entry; the audit's auditor or a regulator
 * signs it; a document is erased once. No entry changes, so every proof stays valid.
 */
final class ErasureRules {
  private ErasureRules() {}

  static List<String> admit(
      RecordState s, Erasure e, List<Participant> signers, long index, long at)
      throws MalformedException, RecordRejectedException {
    if (!e.hasEntry()) {
      throw new MalformedException("record.entry", "missing");
    }
    FieldRules.range("record.entry.index", e.getEntry().getIndex(), 0, index - 1);
    Hash leaf = FieldRules.hash("record.entry.leaf_hash", e.getEntry().getLeafHash());
    FieldRules.text("record.document_name", e.getDocumentName(), 256);
    FieldRules.code("record.reason_code", e.getReasonCode());
    FieldRules.time("record.erased_at", e.getErasedAt());
    if (e.getErasedAt() > at) {
      throw new RecordRuleException("record.erased_at", "after the entry's integration time");
    }
    AuditAtIndex a =
        s.audit(e.getEntry().getIndex())
            .filter(x -> x.leafHash().equals(leaf))
            .orElseThrow(
                () -> new RecordRuleException("record.entry", "not an audit entry of this log"));
    AuditRecord audit = a.audit();
    if (audit.getDocumentsList().stream().noneMatch(d -> d.getName().equals(e.getDocumentName()))) {
      throw new RecordRuleException("record.document_name", "not a document of that audit");
    }
    Optional<Long> earlier = s.erasures.get(key(e));
    if (earlier.isPresent()) {
      throw new RecordRuleException(
          "record.document_name", "already erased at index " + earlier.get());
    }
    boolean auditor = signers.stream().anyMatch(p -> p.id().equals(audit.getAuditorId()));
    if (!auditor && Authority.withRole(signers, Set.of(Role.REGULATOR)).isEmpty()) {
      throw new UnauthorizedSignerException(
          "envelope.signatures", "needs the audit's auditor or a regulator");
    }
    return ModelRules.subjects(audit.getSubject());
  }

  static void apply(RecordState.Builder b, Erasure e, long index) {
    b.erasures = b.erasures.with(key(e), index);
  }

  private static String key(Erasure e) {
    return e.getEntry().getIndex() + "/" + e.getDocumentName();
  }
}
