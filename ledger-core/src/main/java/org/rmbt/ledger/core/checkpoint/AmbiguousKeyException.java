package org.rmbt.ledger.core.checkpoint;

import org.rmbt.ledger.core.hash.VerificationException;

/** The keyring holds more than one key for a signature's (name, key ID). */
public class AmbiguousKeyException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public AmbiguousKeyException(String keyName, int keyId) {
    super("ambiguous key " + keyName + "+" + KeyName.hex(keyId));
  }
}
