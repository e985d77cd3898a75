package org.rmbt.ledger.core.record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.Founder;
import org.rmbt.ledger.proto.Genesis;
import org.rmbt.ledger.proto.Role;
import org.rmbt.ledger.proto.Signature;

/**
 * Entry 0: the founding regulators and the registration quorum. Nothing is registered before it, so
 * its signatures are checked here against the keys it names: every founder signs, nobody else.
 */
final class GenesisRules {
  static final int MAX_FOUNDERS = EntryCodec.MAX_SIGNATURES;
  static final int MAX_PREVIOUS_CHECKPOINT = 64 * 1024;

  private GenesisRules() {}

  static List<String> admit(Genesis g, Envelope env)
      throws MalformedException, UnauthorizedSignerException {
    FieldRules.text("record.origin", g.getOrigin(), 255);
    FieldRules.count("record.founders", g.getFoundersCount(), 1, MAX_FOUNDERS);
    Map<String, Ed25519PublicKey> byKeyId = new HashMap<>();
    Set<String> ids = new HashSet<>();
    List<String> subjects = new ArrayList<>();
    for (int i = 0; i < g.getFoundersCount(); i++) {
      Founder f = g.getFounders(i);
      String field = "record.founders[" + i + "]";
      FieldRules.id(field + ".participant_id", f.getParticipantId());
      FieldRules.jurisdiction(field + ".jurisdiction", f.getJurisdiction());
      Ed25519PublicKey key = FieldRules.publicKey(field + ".public_key", f.getPublicKey());
      if (!ids.add(f.getParticipantId())) {
        throw new MalformedException(field + ".participant_id", "named twice");
      }
      if (byKeyId.put(Dsse.keyId(key), key) != null) {
        throw new MalformedException(field + ".public_key", "same key as another founder");
      }
      subjects.add("participant:" + f.getParticipantId());
    }
    FieldRules.range("record.quorum", g.getQuorum(), 1, g.getFoundersCount());
    if (g.getPreviousCheckpoint().length() > MAX_PREVIOUS_CHECKPOINT) {
      throw new MalformedException("record.previous_checkpoint", "longer than 64 KiB");
    }
    FieldRules.time("record.created_at", g.getCreatedAt());
    requireFounderSignatures(env, byKeyId);
    return subjects;
  }

  private static void requireFounderSignatures(Envelope env, Map<String, Ed25519PublicKey> byKeyId)
      throws UnauthorizedSignerException {
    byte[] pae = Dsse.pae(env.getPayloadType(), env.getPayload().toByteArray());
    Set<String> signed = new HashSet<>();
    for (int i = 0; i < env.getSignaturesCount(); i++) {
      Signature s = env.getSignatures(i);
      String f = "envelope.signatures[" + i + "]";
      Ed25519PublicKey key = byKeyId.get(s.getKeyid());
      if (key == null) {
        throw new UnauthorizedSignerException(f + ".keyid", "not a founder's key");
      }
      if (!key.verify(pae, s.getSig().toByteArray())) {
        throw new UnauthorizedSignerException(f + ".sig", "does not verify with the founder key");
      }
      signed.add(s.getKeyid());
    }
    if (!signed.equals(byKeyId.keySet())) {
      throw new UnauthorizedSignerException(
          "envelope.signatures",
          "every founder must sign the genesis: " + signed.size() + " of " + byKeyId.size());
    }
  }

  static void apply(RecordState.Builder b, Genesis g) {
    b.quorum = g.getQuorum();
    for (Founder f : g.getFoundersList()) {
      Ed25519PublicKey key = new Ed25519PublicKey(f.getPublicKey().toByteArray());
      KeyPeriod k = new KeyPeriod(Dsse.keyId(key), key, 0, KeyPeriod.CURRENT, 0);
      b.addParticipant(
          new Participant(
              f.getParticipantId(),
              Set.of(Role.REGULATOR),
              f.getJurisdiction(),
              List.of(k),
              false));
      b.activeRegulators++;
    }
  }
}
