package org.rmbt.ledger.core.record;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.ParticipantRegistration;
import org.rmbt.ledger.proto.Role;

/**
 * REGISTER, ROTATE_KEY and REVOKE, each signed by the genesis quorum of regulators. A key is bound
 * to one participant forever (never re-registered), and no revocation may leave fewer active
 * regulators than the quorum, or nobody could register anyone again.
 */
final class ParticipantRules {
  private ParticipantRules() {}

  static List<String> admit(
      RecordState s, ParticipantRegistration r, List<Participant> signers, long index)
      throws MalformedException, RecordRejectedException {
    FieldRules.id("record.participant_id", r.getParticipantId());
    switch (r.getAction()) {
      case REGISTER -> checkRegister(s, r);
      case ROTATE_KEY -> checkRotate(s, r);
      case REVOKE -> checkRevoke(s, r);
      default ->
          throw new MalformedException("record.action", "must be REGISTER, ROTATE_KEY or REVOKE");
    }
    Authority.requireRegulatorQuorum(signers, s.quorum());
    return List.of("participant:" + r.getParticipantId());
  }

  private static void checkRegister(RecordState s, ParticipantRegistration r)
      throws MalformedException, RecordRuleException {
    FieldRules.count("record.roles", r.getRolesCount(), 1, 5);
    Set<Role> seen = EnumSet.noneOf(Role.class);
    for (int i = 0; i < r.getRolesCount(); i++) {
      Role role = r.getRoles(i);
      if (role == Role.ROLE_UNSPECIFIED || role == Role.UNRECOGNIZED) {
        throw new MalformedException("record.roles[" + i + "]", "not a role");
      }
      if (!seen.add(role)) {
        throw new MalformedException("record.roles[" + i + "]", "named twice");
      }
    }
    FieldRules.jurisdiction("record.jurisdiction", r.getJurisdiction());
    if (!r.getReasonCode().isEmpty()) {
      FieldRules.code("record.reason_code", r.getReasonCode());
    }
    if (s.participant(r.getParticipantId()).isPresent()) {
      throw new RecordRuleException("record.participant_id", "already registered");
    }
    checkNewKey(s, r);
  }

  private static void checkRotate(RecordState s, ParticipantRegistration r)
      throws MalformedException, RecordRuleException {
    FieldRules.empty("record.roles", r.getRolesList());
    FieldRules.empty("record.jurisdiction", r.getJurisdiction());
    checkNewKey(s, r);
    FieldRules.code("record.reason_code", r.getReasonCode());
    requireActive(s, r.getParticipantId());
  }

  private static void checkRevoke(RecordState s, ParticipantRegistration r)
      throws MalformedException, RecordRuleException {
    FieldRules.empty("record.roles", r.getRolesList());
    FieldRules.empty("record.jurisdiction", r.getJurisdiction());
    if (!r.getPublicKey().isEmpty()) {
      throw new MalformedException("record.public_key", "must be empty for this action");
    }
    FieldRules.zero("record.valid_from", r.getValidFrom());
    FieldRules.code("record.reason_code", r.getReasonCode());
    Participant p = requireActive(s, r.getParticipantId());
    if (p.hasRole(Role.REGULATOR) && s.activeRegulators - 1 < s.quorum()) {
      throw new RecordRuleException(
          "record.participant_id",
          "revoking would leave fewer active regulators than the quorum of " + s.quorum());
    }
  }

  private static void checkNewKey(RecordState s, ParticipantRegistration r)
      throws MalformedException, RecordRuleException {
    Ed25519PublicKey key = FieldRules.publicKey("record.public_key", r.getPublicKey());
    FieldRules.range("record.valid_from", r.getValidFrom(), 0, 253_402_300_799_999L);
    java.util.Optional<String> owner = s.keyOwner(Dsse.keyId(key));
    if (owner.isPresent()) {
      throw new RecordRuleException(
          "record.public_key", "already registered to " + owner.get() + "; keys are never reused");
    }
  }

  private static Participant requireActive(RecordState s, String id) throws RecordRuleException {
    Participant p =
        s.participant(id)
            .orElseThrow(() -> new RecordRuleException("record.participant_id", "not registered"));
    if (p.revoked()) {
      throw new RecordRuleException("record.participant_id", "revoked");
    }
    return p;
  }

  static void apply(RecordState.Builder b, ParticipantRegistration r, long index) {
    String id = r.getParticipantId();
    switch (r.getAction()) {
      case REGISTER -> {
        b.addParticipant(
            new Participant(
                id,
                Set.copyOf(r.getRolesList()),
                r.getJurisdiction(),
                List.of(key(r, index)),
                false));
        if (r.getRolesList().contains(Role.REGULATOR)) {
          b.activeRegulators++;
        }
      }
      case ROTATE_KEY -> b.addParticipant(current(b, id).rotatedAt(index, key(r, index)));
      case REVOKE -> {
        Participant p = current(b, id);
        b.addParticipant(p.revokedAt(index));
        if (p.hasRole(Role.REGULATOR)) {
          b.activeRegulators--;
        }
      }
      default -> throw new IllegalArgumentException("not admitted: " + r.getAction());
    }
  }

  private static Participant current(RecordState.Builder b, String id) {
    return b.participants.get(id).orElseThrow(() -> new IllegalStateException("admitted " + id));
  }

  private static KeyPeriod key(ParticipantRegistration r, long index) {
    Ed25519PublicKey k = new Ed25519PublicKey(r.getPublicKey().toByteArray());
    return new KeyPeriod(Dsse.keyId(k), k, index, KeyPeriod.CURRENT, r.getValidFrom());
  }
}
