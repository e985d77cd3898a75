package org.rmbt.ledger.core.record;

import org.rmbt.ledger.core.hash.VerificationException;

/** An envelope signature by a key the log does not accept. */
public class UnknownSignerException extends VerificationException {
  private static final long serialVersionUID = 1L;

  private final String keyId;

  public UnknownSignerException(String field, String keyId) {
    super(field + ": signer " + keyId + " is not a known key");
    this.keyId = keyId;
  }

  public String keyId() {
    return keyId;
  }
}
