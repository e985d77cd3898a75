package org.rmbt.ledger.core.record;

import org.rmbt.ledger.core.hash.VerificationException;

/** An envelope signature by a known key that does not verify over the DSSE PAE. */
public class EnvelopeSignatureException extends VerificationException {
  private static final long serialVersionUID = 1L;

  private final String keyId;

  public EnvelopeSignatureException(String field, String keyId) {
    super(field + ": signature by " + keyId + " does not verify");
    this.keyId = keyId;
  }

  public String keyId() {
    return keyId;
  }
}
