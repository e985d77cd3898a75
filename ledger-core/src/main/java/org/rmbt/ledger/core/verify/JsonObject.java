package org.rmbt.ledger.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * Strict typed access to one JSON object for a codec: every field must be known, of the right type,
 * and present unless optional; errors name the field by its full path.
 */
final class JsonObject {
  private final String path;
  private final JsonNode node;

  JsonObject(String path, JsonNode node, Set<String> known) throws MalformedException {
    if (node == null || !node.isObject()) {
      throw new MalformedException(path, "must be a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new MalformedException(path + "." + name, "unknown field");
      }
    }
    this.path = path;
    this.node = node;
  }

  String path(String field) {
    return path + "." + field;
  }

  boolean has(String field) {
    return node.has(field);
  }

  String string(String field) throws MalformedException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new MalformedException(path(field), "must be a string");
    }
    return v.textValue();
  }

  /** A non-negative integer that fits a signed 64-bit value, written as a JSON number. */
  long natural(String field) throws MalformedException {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw new MalformedException(path(field), "must be a non-negative integer");
    }
    return v.longValue();
  }

  JsonObject object(String field, Set<String> known) throws MalformedException {
    return new JsonObject(path(field), node.get(field), known);
  }

  /** Elements of an array field; an absent optional array is empty. */
  List<JsonNode> array(String field, boolean optional) throws MalformedException {
    JsonNode v = node.get(field);
    if (v == null && optional) {
      return List.of();
    }
    if (v == null || !v.isArray()) {
      throw new MalformedException(path(field), "must be an array");
    }
    List<JsonNode> out = new ArrayList<>(v.size());
    v.forEach(out::add);
    return out;
  }

  static String text(String path, JsonNode v) throws MalformedException {
    if (v == null || !v.isTextual()) {
      throw new MalformedException(path, "must be a string");
    }
    return v.textValue();
  }
}
