package org.rmbt.ledger.node.replica;

import java.util.function.LongSupplier;

/** Counts entries replayed and logs the rate now and then, so catch-up from zero is visible. */
final class CatchUpProgress {
  private static final System.Logger LOG = System.getLogger(CatchUpProgress.class.getName());
  private static final long EVERY_NANOS = 5_000_000_000L;

  private final LongSupplier nanos;
  private final long startNanos;
  private long startSize = -1;
  private long lastLogNanos;
  private long entries;

  CatchUpProgress(LongSupplier nanos) {
    this.nanos = nanos;
    this.startNanos = nanos.getAsLong();
    this.lastLogNanos = startNanos;
  }

  void replayed(long count, long size) {
    if (startSize < 0) {
      startSize = size - count;
    }
    entries += count;
    long now = nanos.getAsLong();
    if (now - lastLogNanos >= EVERY_NANOS) {
      lastLogNanos = now;
      LOG.log(System.Logger.Level.INFO, "replica: at size " + size + ", " + rate() + " entries/s");
    }
  }

  /** Entries per second since this follower started. */
  long rate() {
    long elapsed = Math.max(1, nanos.getAsLong() - startNanos);
    return entries * 1_000_000_000L / elapsed;
  }

  long entries() {
    return entries;
  }
}
