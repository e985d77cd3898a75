package org.rmbt.ledger.core.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * The text form of a {@link Checkpoint} (c2sp.org/tlog-checkpoint §Note text): origin, decimal
 * size, base64 root, extension lines, each ending in a newline. The parser accepts exactly what
 * {@link #encode} writes and nothing else.
 */
public final class CheckpointCodec {
  private CheckpointCodec() {}

  public static String encode(Checkpoint c) {
    StringBuilder sb = new StringBuilder();
    sb.append(c.origin()).append('\n');
    sb.append(c.size()).append('\n');
    sb.append(c.root().base64()).append('\n');
    for (String line : c.extensions()) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  /** Strict parse of a checkpoint body (the text of a signed note). */
  public static Checkpoint parse(String body) throws MalformedException {
    if (body.isEmpty() || body.charAt(body.length() - 1) != '\n') {
      throw new MalformedException("checkpoint", "must end with a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new MalformedException("checkpoint", "needs origin, size and root lines");
    }
    checkLine("checkpoint.origin", lines[0]);
    long size = parseSize(lines[1]);
    Hash root = Hash.parseBase64("checkpoint.root", lines[2]);
    List<String> extensions = new ArrayList<>();
    for (int i = 3; i < lines.length; i++) {
      checkLine("checkpoint.extension[" + (i - 3) + "]", lines[i]);
      extensions.add(lines[i]);
    }
    return new Checkpoint(lines[0], size, root, extensions);
  }

  /** {@link #parse} of UTF-8 bytes; invalid UTF-8 is rejected, not replaced. */
  public static Checkpoint parse(byte[] body) throws MalformedException {
    String text = new String(body, StandardCharsets.UTF_8);
    if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body)) {
      throw new MalformedException("checkpoint", "not valid UTF-8");
    }
    return parse(text);
  }

  /**
   * tlog-checkpoint §Note text: the size is ASCII decimal without leading zeros. {@code
   * Long.parseLong} alone also takes "+5", "007" and non-ASCII digits, so we demand the canonical
   * text back. A size beyond a signed long cannot be a tree we handle and is rejected too.
   */
  static long parseSize(String text) throws MalformedException {
    long n;
    try {
      n = Long.parseLong(text);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || !Long.toString(n).equals(text)) {
      throw new MalformedException("checkpoint.size", "not a canonical non-negative decimal");
    }
    return n;
  }

  private static void checkLine(String field, String line) throws MalformedException {
    String problem = lineProblem(line);
    if (problem != null) {
      throw new MalformedException(field, problem);
    }
  }

  /**
   * Why {@code line} cannot be an origin or extension line, or null. Both MUST be non-empty
   * (tlog-checkpoint §Note text), and a note may hold no control characters (signed-note §Format).
   */
  static String lineProblem(String line) {
    if (line.isEmpty()) {
      return "empty line";
    }
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) < 0x20) {
        return "control character at offset " + i;
      }
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(line)) {
      return "not valid Unicode (unpaired surrogate)";
    }
    return null;
  }
}
