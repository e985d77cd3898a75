package org.rmbt.ledger.node.log;

import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per log record: {@code ts=... level=... logger=... event=... key=value ...}. Messages
 * made by {@link LogEvent} keep their fields; any other message (from gRPC, Netty) becomes {@code
 * event=log msg="..."}. A thrown exception is added as {@code error="..."}, without a stack trace.
 */
public final class KeyValueFormatter extends Formatter {
  @Override
  public String format(LogRecord r) {
    String message = formatMessage(r);
    StringBuilder b = new StringBuilder();
    b.append("ts=").append(Instant.ofEpochMilli(r.getMillis()));
    b.append(" level=").append(level(r.getLevel()));
    String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
    b.append(" logger=").append(LogEvent.value(logger.substring(logger.lastIndexOf('.') + 1)));
    b.append(' ');
    b.append(message.startsWith("event=") ? message : "event=log msg=" + LogEvent.value(message));
    if (r.getThrown() != null) {
      b.append(" error=").append(LogEvent.value(r.getThrown().toString()));
    }
    return b.append(System.lineSeparator()).toString();
  }

  /** System.Logger's names for what java.util.logging calls SEVERE, FINE, ... */
  private static String level(Level l) {
    int v = l.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (v >= Level.WARNING.intValue()) {
      return "WARNING";
    }
    return v >= Level.INFO.intValue() ? "INFO" : "DEBUG";
  }

  /** Makes the root logger write to stderr through this formatter (for {@code rmbt node}). */
  public static void install() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    Handler console = new ConsoleHandler();
    console.setFormatter(new KeyValueFormatter());
    root.addHandler(console);
  }
}
