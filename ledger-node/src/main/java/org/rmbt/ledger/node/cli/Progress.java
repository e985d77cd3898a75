package org.rmbt.ledger.node.cli;

/** A one-line progress display on stderr for long work; silent for machine output. */
final class Progress {
  private final String task;
  private long total;
  private final boolean quiet;
  private final long start = System.nanoTime();
  private long lastPrint;

  Progress(String task, long total, boolean quiet) {
    this.task = task;
    this.total = total;
    this.quiet = quiet;
  }

  void update(long done) {
    long now = System.nanoTime();
    if (quiet || now - lastPrint < 200_000_000L) {
      return;
    }
    lastPrint = now;
    double rate = done / Math.max((now - start) / 1e9, 1e-9);
    System.err.printf("\r%s: %d/%d (%.0f/s)", task, done, total, rate);
  }

  /** For work whose end moves, such as following a growing log. */
  void update(long done, long newTotal) {
    total = newTotal;
    update(done);
  }

  void done() {
    if (!quiet && lastPrint != 0) {
      System.err.println();
    }
  }
}
