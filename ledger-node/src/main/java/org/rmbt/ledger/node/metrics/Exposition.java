package org.rmbt.ledger.node.metrics;

import java.math.BigDecimal;

/** Prometheus text exposition format 0.0.4: metadata lines and numbers. */
final class Exposition {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private Exposition() {}

  static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** Plain decimal, no exponent: {@code 0.005}, {@code 1024}, {@code 2.5}. */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
