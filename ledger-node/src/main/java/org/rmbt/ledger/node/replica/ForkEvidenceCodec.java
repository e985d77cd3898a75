package org.rmbt.ledger.node.replica;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rmbt.ledger.core.hash.Base64Codec;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * The one encoder and decoder of {@code rmbt-fork-evidence/v1} JSON. Strict: unknown or missing
 * fields, wrong types and non-canonical base64 are refused with the field's name.
 */
public final class ForkEvidenceCodec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of(
          "format",
          "kind",
          "reason",
          "detected_at_millis",
          "notes",
          "index",
          "entry",
          "own_root",
          "proof",
          "prefix",
          "leaf_hashes",
          "prev_leaf_hash");

  private ForkEvidenceCodec() {}

  public static String encode(ForkEvidence e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", ForkEvidence.FORMAT);
    o.put("kind", e.kind());
    o.put("reason", e.reason());
    o.put("detected_at_millis", e.detectedAtMillis());
    e.notes().forEach(o.putArray("notes")::add);
    o.put("index", e.index());
    o.put("entry", Base64Codec.encode(e.entry()));
    o.put("own_root", e.ownRoot().base64());
    ObjectNode prefix = o.putObject("prefix");
    new TreeMap<>(e.prefix()).forEach((k, v) -> prefix.put(Long.toString(k), v.base64()));
    ArrayNode leaves = o.putArray("leaf_hashes");
    e.leafHashes().forEach(h -> leaves.add(h.base64()));
    o.put("prev_leaf_hash", e.prevLeafHash().base64());
    ArrayNode proof = o.putArray("proof");
    e.proof().forEach(h -> proof.add(h.base64()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("a tree of strings and numbers always encodes", ex);
    }
  }

  public static ForkEvidence decode(String text) throws MalformedException {
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JsonProcessingException ex) {
      throw new MalformedException("evidence", "not JSON: " + ex.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      throw new MalformedException("evidence", "not a JSON object");
    }
    for (var it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new MalformedException(f, "unknown field");
      }
    }
    if (!ForkEvidence.FORMAT.equals(text(o, "format"))) {
      throw new MalformedException("format", "want " + ForkEvidence.FORMAT);
    }
    List<String> notes = new ArrayList<>();
    for (JsonNode n : array(o, "notes")) {
      notes.add(string("notes[]", n));
    }
    return new ForkEvidence(
        text(o, "kind"),
        text(o, "reason"),
        number(o, "detected_at_millis"),
        notes,
        number(o, "index"),
        Base64Codec.decode("entry", text(o, "entry")),
        Hash.parseBase64("own_root", text(o, "own_root")),
        hashes(o, "proof"),
        prefix(o),
        hashes(o, "leaf_hashes"),
        Hash.parseBase64("prev_leaf_hash", text(o, "prev_leaf_hash")));
  }

  private static Map<Long, Hash> prefix(JsonNode o) throws MalformedException {
    JsonNode p = o.get("prefix");
    if (p == null || !p.isObject()) {
      throw new MalformedException("prefix", "want an object");
    }
    Map<Long, Hash> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : p.properties()) {
      out.put(parseIndex(e.getKey()), Hash.parseBase64("prefix", string("prefix", e.getValue())));
    }
    return out;
  }

  private static long parseIndex(String s) throws MalformedException {
    if (!s.matches("0|[1-9][0-9]{0,18}")) {
      throw new MalformedException("prefix", "not a canonical index: " + s);
    }
    return Long.parseLong(s);
  }

  private static List<Hash> hashes(JsonNode o, String field) throws MalformedException {
    List<Hash> out = new ArrayList<>();
    for (JsonNode n : array(o, field)) {
      out.add(Hash.parseBase64(field, string(field, n)));
    }
    return out;
  }

  private static JsonNode array(JsonNode o, String field) throws MalformedException {
    JsonNode a = o.get(field);
    if (a == null || !a.isArray()) {
      throw new MalformedException(field, "want an array");
    }
    return a;
  }

  private static String text(JsonNode o, String field) throws MalformedException {
    return string(field, o.get(field));
  }

  private static String string(String field, JsonNode n) throws MalformedException {
    if (n == null || !n.isTextual()) {
      throw new MalformedException(field, "want a string");
    }
    return n.asText();
  }

  private static long number(JsonNode o, String field) throws MalformedException {
    JsonNode n = o.get(field);
    if (n == null || !n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
      throw new MalformedException(field, "want a non-negative integer");
    }
    return n.asLong();
  }
}
