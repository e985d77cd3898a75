package org.rmbt.ledger.core.merkle;

import org.rmbt.ledger.core.hash.Hash;

/** A well-formed proof that leads to another root than the one claimed: carries both. */
public class RootMismatchException extends ProofException {
  private static final long serialVersionUID = 1L;

  private final String which;
  private final Hash expected;
  private final Hash computed;

  /**
   * @param which names the root, e.g. {@code "root"}, {@code "root1"}, {@code "root2"}
   * @param expected the root the caller trusts or was given
   * @param computed the root the proof leads to
   */
  public RootMismatchException(String which, Hash expected, Hash computed) {
    super(which + " mismatch: expected " + expected.hex() + ", proof gives " + computed.hex());
    this.which = which;
    this.expected = expected;
    this.computed = computed;
  }

  public String which() {
    return which;
  }

  public Hash expected() {
    return expected;
  }

  public Hash computed() {
    return computed;
  }
}
