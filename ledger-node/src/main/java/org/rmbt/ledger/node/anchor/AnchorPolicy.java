package org.rmbt.ledger.node.anchor;

import java.time.Duration;
import java.time.Instant;

/** Anchor every {@code everyEntries} new entries or every {@code every}, whichever comes first. */
public record AnchorPolicy(long everyEntries, Duration every) {
  public AnchorPolicy {
    if (everyEntries < 1 || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("anchor policy: entries >= 1 and a positive interval");
    }
  }

  /** Whether a checkpoint of {@code latestSize} should be anchored over {@code anchoredSize}. */
  public boolean due(long anchoredSize, long latestSize, Instant lastAnchorAt, Instant now) {
    if (latestSize <= anchoredSize) {
      return false;
    }
    return latestSize - anchoredSize >= everyEntries || !now.isBefore(lastAnchorAt.plus(every));
  }
}
