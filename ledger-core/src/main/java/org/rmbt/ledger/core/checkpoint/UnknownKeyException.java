package org.rmbt.ledger.core.checkpoint;

import java.util.List;
import org.rmbt.ledger.core.hash.VerificationException;

/**
 * The key a reader needs did not sign: a note with no signature by any known key (signed-note
 * §Signatures: clients MUST reject it), or a checkpoint without its log's signature. Carries the
 * signatures that were present but not verifiable.
 */
public class UnknownKeyException extends VerificationException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable List.copyOf; exceptions are not serialized here
  private final List<NoteSignature> unverified;

  public UnknownKeyException(String message, List<NoteSignature> unverified) {
    super(message);
    this.unverified = List.copyOf(unverified);
  }

  public List<NoteSignature> unverified() {
    return unverified;
  }
}
