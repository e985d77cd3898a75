package org.rmbt.ledger.core.checkpoint;

import org.rmbt.ledger.core.hash.VerificationException;

/**
 * A signature by a known key does not verify. signed-note §Signatures: clients SHOULD reject the
 * whole note, and we do.
 */
public class NoteSignatureException extends VerificationException {
  private static final long serialVersionUID = 1L;

  private final String keyName;
  private final int keyId;

  public NoteSignatureException(String keyName, int keyId) {
    super("invalid signature for key " + keyName + "+" + KeyName.hex(keyId));
    this.keyName = keyName;
    this.keyId = keyId;
  }

  public String keyName() {
    return keyName;
  }

  public int keyId() {
    return keyId;
  }
}
