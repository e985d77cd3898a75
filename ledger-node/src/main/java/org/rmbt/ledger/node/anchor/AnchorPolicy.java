package org.rmbt.ledger.node.anchor;

import java.time.Duration;
import java.time.Instant;

/**
 * Anchor every {@code everyEntries} new entries or every {@code every}, whichever comes first. New
 * entries are those after the anchored size other than anchor receipts: a receipt is the log's note
 * of an anchor, so receipts alone never make the next anchor due, neither by count nor by time.
 */
public record AnchorPolicy(long everyEntries, Duration every) {
  public AnchorPolicy {
    if (everyEntries < 1 || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("anchor policy: entries >= 1 and a positive interval");
    }
  }

  /**
   * Whether to anchor now, {@code newEntries} entries other than receipts after the anchored size.
   */
  public boolean due(long newEntries, Instant lastAnchorAt, Instant now) {
    if (newEntries < 1) {
      return false;
    }
    return newEntries >= everyEntries || !now.isBefore(lastAnchorAt.plus(every));
  }
}
