package org.rmbt.ledger.node.metrics;

import java.util.Arrays;

/**
 * A Prometheus histogram: counts per upper bound, written as cumulative {@code le} buckets with
 * {@code +Inf}, {@code _sum} and {@code _count} (text exposition format 0.0.4).
 */
final class Histogram {
  private final double[] bounds;
  private final long[] counts; // per bucket, not cumulative; the last one is +Inf
  private double sum;

  Histogram(double... bounds) {
    double[] b = bounds.clone();
    for (int i = 1; i < b.length; i++) {
      if (!(b[i] > b[i - 1])) {
        throw new IllegalArgumentException("bucket bounds must increase: " + Arrays.toString(b));
      }
    }
    this.bounds = b;
    this.counts = new long[b.length + 1];
  }

  static Histogram exponential(double start, double factor, int n) {
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = start * Math.pow(factor, i);
    }
    return new Histogram(b);
  }

  synchronized void observe(double value) {
    int i = 0;
    while (i < bounds.length && value > bounds[i]) {
      i++;
    }
    counts[i]++;
    sum += value;
  }

  /** The sample lines for {@code name}; {@code labels} is empty or {@code key="value",}. */
  synchronized void write(StringBuilder out, String name, String labels) {
    long cumulative = 0;
    for (int i = 0; i <= bounds.length; i++) {
      cumulative += counts[i];
      String le = i < bounds.length ? Exposition.number(bounds[i]) : "+Inf";
      out.append(name).append("_bucket{").append(labels).append("le=\"").append(le);
      out.append("\"} ").append(cumulative).append('\n');
    }
    String braces = labels.isEmpty() ? "" : "{" + labels.substring(0, labels.length() - 1) + "}";
    out.append(name).append("_sum").append(braces).append(' ');
    out.append(Exposition.number(sum)).append('\n');
    out.append(name).append("_count").append(braces).append(' ').append(cumulative).append('\n');
  }
}
