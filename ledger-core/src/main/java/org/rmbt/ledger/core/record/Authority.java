package org.rmbt.ledger.core.record;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.Role;

/**
 * Who signed an envelope, as of its log position. Signatures are already verified against the key
 * they name (see {@link RecordRules}); here a key counts only if it is registered, not rotated away
 * or revoked before this index, and valid at the integration time. Any signature by a key that does
 * not count rejects the entry, so a revoked key can never submit again.
 */
final class Authority {
  private Authority() {}

  /** The distinct participants behind the envelope's signatures, in signature order. */
  static List<Participant> signers(RecordState s, Envelope env, long index, long integratedAt)
      throws UnauthorizedSignerException {
    Set<Participant> out = new LinkedHashSet<>();
    for (int i = 0; i < env.getSignaturesCount(); i++) {
      String f = "envelope.signatures[" + i + "].keyid";
      String keyId = env.getSignatures(i).getKeyid();
      Participant p =
          s.keyOwner(keyId)
              .flatMap(s::participant)
              .orElseThrow(() -> new UnauthorizedSignerException(f, "not a registered key"));
      if (p.keyAt(keyId, index, integratedAt).isEmpty()) {
        throw new UnauthorizedSignerException(
            f, "key of " + p.id() + " does not count at index " + index + " " + whyNot(p, keyId));
      }
      out.add(p);
    }
    return new ArrayList<>(out);
  }

  private static String whyNot(Participant p, String keyId) {
    for (KeyPeriod k : p.keys()) {
      if (k.keyId().equals(keyId) && !k.isCurrent()) {
        return "(rotated or revoked at index " + k.untilIndex() + ")";
      }
    }
    return "(not valid yet)";
  }

  /** Demands that participant {@code id}, holding one of {@code roles}, signed. */
  static Participant requireSigner(
      List<Participant> signers, String field, String id, Set<Role> roles)
      throws UnauthorizedSignerException {
    for (Participant p : signers) {
      if (p.id().equals(id)) {
        if (roles.stream().noneMatch(p::hasRole)) {
          throw new UnauthorizedSignerException(field, id + " does not hold a role among " + roles);
        }
        return p;
      }
    }
    throw new UnauthorizedSignerException(field, id + " did not sign");
  }

  /** The signers holding one of {@code roles}. */
  static List<Participant> withRole(List<Participant> signers, Set<Role> roles) {
    List<Participant> out = new ArrayList<>();
    for (Participant p : signers) {
      if (roles.stream().anyMatch(p::hasRole)) {
        out.add(p);
      }
    }
    return out;
  }

  /** Demands at least {@code quorum} distinct regulators among the signers. */
  static void requireRegulatorQuorum(List<Participant> signers, int quorum)
      throws UnauthorizedSignerException {
    int n = withRole(signers, Set.of(Role.REGULATOR)).size();
    if (n < quorum) {
      throw new UnauthorizedSignerException(
          "envelope.signatures", "needs " + quorum + " regulators, got " + n);
    }
  }

  /** Demands {@code minSigners} distinct signers from {@code minJurisdictions} jurisdictions. */
  static void requireJoint(List<Participant> deciders, int minSigners, int minJurisdictions)
      throws UnauthorizedSignerException {
    if (deciders.size() < minSigners) {
      throw new UnauthorizedSignerException(
          "envelope.signatures",
          "joint decision needs " + minSigners + " decision makers, got " + deciders.size());
    }
    Set<String> jurisdictions = new java.util.TreeSet<>();
    deciders.forEach(p -> jurisdictions.add(p.jurisdiction()));
    if (jurisdictions.size() < minJurisdictions) {
      throw new UnauthorizedSignerException(
          "envelope.signatures",
          "joint decision needs signers of "
              + minJurisdictions
              + " jurisdictions, got "
              + jurisdictions);
    }
  }
}
