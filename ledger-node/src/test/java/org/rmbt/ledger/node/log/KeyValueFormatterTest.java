package org.rmbt.ledger.node.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class KeyValueFormatterTest {
  private static String format(Level level, String message, Throwable thrown) {
    LogRecord r = new LogRecord(level, message);
    r.setInstant(Instant.parse("2026-01-02T03:04:05Z"));
    r.setLoggerName("org.rmbt.ledger.node.grpc.LedgerServer");
    r.setThrown(thrown);
    return new KeyValueFormatter().format(r);
  }

  @Test
  void eventsKeepTheirFieldsOnOneLine() {
    String line =
        format(
            Level.INFO,
            LogEvent.of("request_rejected", "code", "INVALID_ARGUMENT", "reason", "size: \"x\"\n"),
            null);
    assertThat(line)
        .isEqualTo(
            "ts=2026-01-02T03:04:05Z level=INFO logger=LedgerServer event=request_rejected"
                + " code=INVALID_ARGUMENT reason=\"size: \\\"x\\\"\\n\""
                + System.lineSeparator());
  }

  @Test
  void plainMessagesAndErrorsAreQuoted() {
    String line = format(Level.SEVERE, "netty said hi", new IllegalStateException("boom"));
    assertThat(line)
        .startsWith("ts=2026-01-02T03:04:05Z level=ERROR logger=LedgerServer")
        .contains(" event=log msg=\"netty said hi\"")
        .contains(" error=\"java.lang.IllegalStateException: boom\"");
    assertThat(line.strip()).doesNotContain("\n");
    assertThat(LogEvent.of("x", "empty", "")).isEqualTo("event=x empty=\"\"");
  }
}
