package org.rmbt.ledger.core.checkpoint;

import java.util.List;
import java.util.Optional;

/**
 * The verifier keys a reader trusts. Duplicates are allowed in the list, but a lookup that finds
 * more than one key for a (name, key ID) fails: like golang.org/x/mod/sumdb/note we treat that as a
 * misconfiguration rather than guess.
 */
public record Keyring(List<VerifierKey> keys) {
  public Keyring {
    keys = List.copyOf(keys);
  }

  public static Keyring of(VerifierKey... keys) {
    return new Keyring(List.of(keys));
  }

  /**
   * The key for a signature line, or empty when none is known (signed-note §Signatures: such a
   * signature is ignored, even if the name or the key ID alone matches a known key).
   */
  public Optional<VerifierKey> lookup(String name, int keyId) throws AmbiguousKeyException {
    VerifierKey found = null;
    for (VerifierKey k : keys) {
      if (k.keyId() == keyId && k.name().equals(name)) {
        if (found != null) {
          throw new AmbiguousKeyException(name, keyId);
        }
        found = k;
      }
    }
    return Optional.ofNullable(found);
  }
}
