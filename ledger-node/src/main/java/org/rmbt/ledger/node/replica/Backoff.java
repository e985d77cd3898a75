package org.rmbt.ledger.node.replica;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential from {@code min}, capped at {@code max}, with full jitter so that
 * many replicas losing one primary do not reconnect in lockstep.
 */
final class Backoff {
  private final long minNanos;
  private final long maxNanos;
  private final RandomGenerator random;
  private int failures;

  Backoff(Duration min, Duration max, RandomGenerator random) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("want 0 < min <= max");
    }
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** The next delay: uniform in [min, cap], where cap doubles per failure up to max. */
  long nextNanos() {
    int shift = Math.min(failures++, 30);
    long cap = minNanos << shift;
    if (cap <= 0 || cap > maxNanos) {
      cap = maxNanos;
    }
    return cap == minNanos ? minNanos : minNanos + random.nextLong(cap - minNanos + 1);
  }

  /** The primary answered: the next failure starts from {@code min} again. */
  void reset() {
    failures = 0;
  }
}
