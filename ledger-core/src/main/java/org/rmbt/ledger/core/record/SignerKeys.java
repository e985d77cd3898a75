package org.rmbt.ledger.core.record;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.Signature;

/**
 * Where DSSE key IDs resolve to Ed25519 keys: a fixed key ring, or every key a compliance log has
 * ever registered. Every signature on an envelope must be by a known key and must verify; one bad
 * signature rejects the envelope, so a signer cannot be named without having signed.
 */
@FunctionalInterface
public interface SignerKeys {
  Optional<Ed25519PublicKey> key(String keyId);

  /**
   * Checks every signature of an envelope that {@link EntryCodec} already decoded.
   *
   * @param field names the envelope in errors, e.g. {@code "envelope"}
   */
  default void verify(String field, Envelope env)
      throws MalformedException, UnknownSignerException, EnvelopeSignatureException {
    byte[] pae = Dsse.pae(env.getPayloadType(), env.getPayload().toByteArray());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < env.getSignaturesCount(); i++) {
      Signature s = env.getSignatures(i);
      String f = field + ".signatures[" + i + "]";
      if (!seen.add(s.getKeyid())) {
        throw new MalformedException(f + ".keyid", "same signer twice");
      }
      Ed25519PublicKey k =
          key(s.getKeyid()).orElseThrow(() -> new UnknownSignerException(f, s.getKeyid()));
      if (!k.verify(pae, s.getSig().toByteArray())) {
        throw new EnvelopeSignatureException(f, s.getKeyid());
      }
    }
  }
}
