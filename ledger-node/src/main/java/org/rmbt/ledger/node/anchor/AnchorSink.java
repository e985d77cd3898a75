package org.rmbt.ledger.node.anchor;

import java.util.OptionalLong;

/**
 * Where final anchors go: the integrator appends each as an {@code AnchorReceipt} entry. The log is
 * the memory across restarts, so the service asks it what is receipted already.
 */
public interface AnchorSink {
  /** The largest tree size the log holds a receipt for, on this chain and registry. */
  OptionalLong receiptedSize(long chainId, String registry);

  /**
   * How many entries at indexes {@code [from, to)} are anchor receipts (for any chain); they do not
   * count toward the anchor policy.
   */
  long receiptsBetween(long from, long to);

  /** Takes one final anchor; per chain, sizes only grow. Throwing retries it next round. */
  void accept(AnchorResult result);
}
