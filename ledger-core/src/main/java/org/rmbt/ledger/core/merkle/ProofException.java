package org.rmbt.ledger.core.merkle;

import org.rmbt.ledger.core.hash.VerificationException;

/**
 * An inclusion or consistency proof that does not verify: wrong shape for its sizes (index beyond
 * the tree, wrong number of hashes, sizes out of order) or, as {@link RootMismatchException},
 * hashes that do not lead to the claimed root.
 */
public class ProofException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public ProofException(String message) {
    super(message);
  }
}
