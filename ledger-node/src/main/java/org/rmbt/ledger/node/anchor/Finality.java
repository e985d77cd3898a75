package org.rmbt.ledger.node.anchor;

/**
 * When an anchor counts as final: after {@code confirmations} blocks (the including block is the
 * first), or once the chain's {@code finalized} block tag has reached it.
 */
public record Finality(int confirmations, boolean finalizedTag) {
  public Finality {
    if (finalizedTag ? confirmations != 0 : confirmations < 1) {
      throw new IllegalArgumentException("finality: confirmations >= 1, or the finalized tag");
    }
  }

  public static Finality confirmations(int n) {
    return new Finality(n, false);
  }

  public static Finality finalized() {
    return new Finality(0, true);
  }
}
