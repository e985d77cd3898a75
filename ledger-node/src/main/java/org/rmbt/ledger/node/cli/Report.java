package org.rmbt.ledger.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rmbt.ledger.core.checkpoint.Checkpoint;

/** How commands print results: a line for people, or one JSON object with {@code --json}. */
final class Report {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Report() {}

  static void ok(boolean json, String message, Checkpoint cp) {
    if (!json) {
      System.out.println(message);
      return;
    }
    ObjectNode n = JSON.createObjectNode().put("result", "ok").put("message", message);
    n.putObject("checkpoint")
        .put("origin", cp.origin())
        .put("size", cp.size())
        .put("root", cp.root().base64());
    print(n);
  }

  static int fail(boolean json, int code, String result, String message) {
    if (json) {
      print(JSON.createObjectNode().put("result", result).put("message", message));
    } else {
      System.err.println("rmbt: " + result + ": " + message);
    }
    return code;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Prints {@code n} as one line of JSON. */
  static void print(ObjectNode n) {
    try {
      System.out.println(JSON.writeValueAsString(n));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain nodes always serialize", e);
    }
  }
}
