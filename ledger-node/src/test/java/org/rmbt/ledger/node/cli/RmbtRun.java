package org.rmbt.ledger.node.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs an {@code rmbt} command in this JVM and captures what it printed. One lock for every test
 * that does so: the command writes to {@link System#out}, which is process-wide.
 */
public final class RmbtRun {
  private RmbtRun() {}

  /** What a command printed and returned. */
  public record Result(int code, String out, String err) {
    public List<String> lines() {
      return out.lines().toList();
    }
  }

  public static synchronized Result run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Rmbt.run(args);
      return new Result(
          code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
