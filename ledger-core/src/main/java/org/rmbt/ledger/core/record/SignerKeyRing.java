package org.rmbt.ledger.core.record;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;

/** A fixed set of accepted signer keys, by DSSE key ID. */
public final class SignerKeyRing implements SignerKeys {
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

  @Override
  public Optional<Ed25519PublicKey> key(String keyId) {
    return Optional.ofNullable(byKeyId.get(keyId));
  }
}
