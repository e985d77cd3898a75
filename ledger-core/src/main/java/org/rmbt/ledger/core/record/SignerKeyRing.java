package org.rmbt.ledger.core.record;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.Signature;

/**
 * The Ed25519 keys whose DSSE signatures the log accepts, by DSSE key ID. Every signature on an
 * envelope must be by a known key and must verify; one bad signature rejects the envelope, so a
 * signer cannot be named without having signed.
 */
public final class SignerKeyRing {
  private final Map<String, Ed25519PublicKey> byKeyId;

  private SignerKeyRing(Map<String, Ed25519PublicKey> byKeyId) {
    this.byKeyId = Map.copyOf(byKeyId);
  }

  public static SignerKeyRing of(Iterable<Ed25519PublicKey> keys) {
    Map<String, Ed25519PublicKey> m = new HashMap<>();
    for (Ed25519PublicKey k : keys) {
      m.put(Dsse.keyId(k), k);
    }
    return new SignerKeyRing(m);
  }

  public Optional<Ed25519PublicKey> key(String keyId) {
    return Optional.ofNullable(byKeyId.get(keyId));
  }

  /**
   * Checks every signature of an envelope that {@link EntryCodec} already decoded.
   *
   * @param field names the envelope in errors, e.g. {@code "envelope"}
   */
  public void verify(String field, Envelope env)
      throws MalformedException, UnknownSignerException, EnvelopeSignatureException {
    byte[] pae = Dsse.pae(env.getPayloadType(), env.getPayload().toByteArray());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < env.getSignaturesCount(); i++) {
      Signature s = env.getSignatures(i);
      String f = field + ".signatures[" + i + "]";
      if (!seen.add(s.getKeyid())) {
        throw new MalformedException(f + ".keyid", "same signer twice");
      }
      Ed25519PublicKey key = byKeyId.get(s.getKeyid());
      if (key == null) {
        throw new UnknownSignerException(f, s.getKeyid());
      }
      if (!key.verify(pae, s.getSig().toByteArray())) {
        throw new EnvelopeSignatureException(f, s.getKeyid());
      }
    }
  }
}
