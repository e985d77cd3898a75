package org.rmbt.ledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one Markdown table the benchmark prints: measurement, result, target, met or not. */
final class Table {
  private final List<String> rows = new ArrayList<>();

  void row(String what, String result) {
    row(what, result, "", "");
  }

  void row(String what, String result, String target, boolean met) {
    row(what, result, target, met ? "met" : "**not met**");
  }

  private void row(String what, String result, String target, String met) {
    rows.add("| " + what + " | " + result + " | " + target + " | " + met + " |");
  }

  /** The rows so far, one Markdown line each. */
  List<String> rows() {
    return List.copyOf(rows);
  }

  /** Appends rows another table measured ({@link #rows()}). */
  void addRows(List<String> measured) {
    rows.addAll(measured);
  }

  String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| measurement | result | target | met? |\n");
    sb.append("|---|---:|---|---|\n");
    rows.forEach(r -> sb.append(r).append('\n'));
    return sb.toString();
  }

  static String perSecond(double rate) {
    return String.format(Locale.ROOT, "%,.0f /s", rate);
  }

  static String micros(double us) {
    return String.format(Locale.ROOT, "%,.1f µs", us);
  }
}
