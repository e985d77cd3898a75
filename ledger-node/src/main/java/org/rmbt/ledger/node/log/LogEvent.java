package org.rmbt.ledger.node.log;

/**
 * A structured log message: {@code event=NAME key=value ...}, values quoted when they hold spaces,
 * quotes, {@code =} or control characters. {@link KeyValueFormatter} adds time and level.
 */
public final class LogEvent {
  private LogEvent() {}

  /** {@code fields} alternate keys and values. */
  public static String of(String event, Object... fields) {
    if (fields.length % 2 != 0) {
      throw new IllegalArgumentException("fields must be key, value pairs");
    }
    StringBuilder b = new StringBuilder("event=").append(event);
    for (int i = 0; i < fields.length; i += 2) {
      b.append(' ').append(fields[i]).append('=').append(value(String.valueOf(fields[i + 1])));
    }
    return b.toString();
  }

  /** The value as is if it is a plain token, else in double quotes with escapes. */
  public static String value(String v) {
    if (!v.isEmpty() && v.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c < 0x7f)) {
      return v;
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : v.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < ' ' || c == 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
