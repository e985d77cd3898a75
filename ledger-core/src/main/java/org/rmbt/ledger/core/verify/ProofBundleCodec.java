package org.rmbt.ledger.core.verify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rmbt.ledger.core.hash.Base64Codec;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.record.CertificateStatus;

/**
 * The one encoder and decoder of {@code rmbt-proof-bundle/v1} JSON. Decoding is strict: unknown or
 * duplicate fields, wrong types, non-canonical base64, wrong hash lengths and trailing data are
 * refused with the field's path.
 *
 * <p>Provenance fields (docs/BUNDLES.md), both optional so every older bundle stays valid, and
 * written only when non-empty so an older bundle re-encodes to the same text:
 *
 * <ul>
 *   <li>{@code "subjects": ["participant:reg-eu", "model:acme-assist", "cert:EAI-2026-0001", ...]}
 *       — distinct subjects (1 to 256 characters, no control characters) whose entries the bundle
 *       claims to hold without a gap up to the last one it holds.
 *   <li>{@code "claims": [{"certificate": "EAI-2026-0001", "status": "SUSPENDED", "asOf":
 *       1767225627000}]} — one per certificate at most; {@code status} is a {@link
 *       CertificateStatus} name; {@code asOf} ms since the epoch; the status holds as of the
 *       checkpoint's tree size and that time.
 * </ul>
 */
public final class ProofBundleCodec {
  private static final int MAX_BUNDLE_CHARS = 64 << 20;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<String> BUNDLE_FIELDS =
      Set.of(
          "format",
          "logKey",
          "checkpoint",
          "entries",
          "consistency",
          "witnesses",
          "witnessQuorum",
          "anchors",
          "subjects",
          "claims");
  private static final Set<String> ENTRY_FIELDS = Set.of("index", "entry", "inclusionProof");
  private static final Set<String> CONSISTENCY_FIELDS = Set.of("checkpoint", "proof");
  private static final Set<String> CLAIM_FIELDS = Set.of("certificate", "status", "asOf");
  private static final int MAX_SUBJECT_CHARS = 256;
  private static final Set<String> ANCHOR_FIELDS =
      Set.of("chainId", "registry", "txHash", "blockNumber", "treeSize", "root", "checkpoint");

  private ProofBundleCodec() {}

  public static ProofBundle decode(String json) throws MalformedException {
    if (json.length() > MAX_BUNDLE_CHARS) {
      throw new MalformedException("bundle", "larger than " + MAX_BUNDLE_CHARS + " characters");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedException("bundle", "not valid JSON: " + e.getOriginalMessage());
    }
    JsonObject b = new JsonObject("bundle", root, BUNDLE_FIELDS);
    if (!ProofBundle.FORMAT.equals(b.string("format"))) {
      throw new MalformedException("bundle.format", "must be " + ProofBundle.FORMAT);
    }
    List<ProofBundle.Entry> entries = new ArrayList<>();
    List<JsonNode> es = b.array("entries", false);
    for (int i = 0; i < es.size(); i++) {
      entries.add(entry(new JsonObject("bundle.entries[" + i + "]", es.get(i), ENTRY_FIELDS)));
    }
    List<ProofBundle.Consistency> consistency = new ArrayList<>();
    List<JsonNode> cs = b.array("consistency", true);
    for (int i = 0; i < cs.size(); i++) {
      JsonObject c = new JsonObject("bundle.consistency[" + i + "]", cs.get(i), CONSISTENCY_FIELDS);
      consistency.add(new ProofBundle.Consistency(c.string("checkpoint"), hashes(c, "proof")));
    }
    List<String> witnesses = strings(b, "witnesses");
    long quorum = b.has("witnessQuorum") ? b.natural("witnessQuorum") : 0;
    if (quorum > witnesses.size()) {
      throw new MalformedException("bundle.witnessQuorum", "exceeds the number of witnesses");
    }
    return new ProofBundle(
        b.string("logKey"),
        b.string("checkpoint"),
        entries,
        consistency,
        witnesses,
        (int) quorum,
        anchors(b),
        subjects(b),
        claims(b));
  }

  public static String encode(ProofBundle bundle) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", ProofBundle.FORMAT);
    root.put("logKey", bundle.logKey());
    root.put("checkpoint", bundle.checkpoint());
    ArrayNode entries = root.putArray("entries");
    for (ProofBundle.Entry e : bundle.entries()) {
      ObjectNode n = entries.addObject();
      n.put("index", e.index());
      n.put("entry", Base64Codec.encode(e.entry()));
      putHashes(n.putArray("inclusionProof"), e.inclusionProof());
    }
    ArrayNode consistency = root.putArray("consistency");
    for (ProofBundle.Consistency c : bundle.consistency()) {
      ObjectNode n = consistency.addObject();
      n.put("checkpoint", c.checkpoint());
      putHashes(n.putArray("proof"), c.proof());
    }
    ArrayNode witnesses = root.putArray("witnesses");
    bundle.witnesses().forEach(witnesses::add);
    root.put("witnessQuorum", bundle.witnessQuorum());
    ArrayNode anchors = root.putArray("anchors");
    for (ProofBundle.Anchor a : bundle.anchors()) {
      ObjectNode n =
          anchors
              .addObject()
              .put("chainId", a.chainId())
              .put("registry", a.registry())
              .put("txHash", a.txHash())
              .put("blockNumber", a.blockNumber())
              .put("treeSize", a.treeSize())
              .put("root", a.root().base64());
      a.checkpoint().ifPresent(note -> n.put("checkpoint", note));
    }
    putProvenance(root, bundle);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serializes", e);
    }
  }

  private static List<String> strings(JsonObject b, String field) throws MalformedException {
    List<String> out = new ArrayList<>();
    List<JsonNode> items = b.array(field, true);
    for (int i = 0; i < items.size(); i++) {
      out.add(JsonObject.text(b.path(field) + "[" + i + "]", items.get(i)));
    }
    return out;
  }

  private static List<ProofBundle.Anchor> anchors(JsonObject b) throws MalformedException {
    List<ProofBundle.Anchor> anchors = new ArrayList<>();
    List<JsonNode> as = b.array("anchors", true);
    for (int i = 0; i < as.size(); i++) {
      anchors.add(anchor(new JsonObject("bundle.anchors[" + i + "]", as.get(i), ANCHOR_FIELDS)));
    }
    return anchors;
  }

  private static List<String> subjects(JsonObject b) throws MalformedException {
    List<String> subjects = strings(b, "subjects");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < subjects.size(); i++) {
      String path = "bundle.subjects[" + i + "]";
      checkName(path, subjects.get(i));
      if (!seen.add(subjects.get(i))) {
        throw new MalformedException(path, "named twice");
      }
    }
    return subjects;
  }

  private static List<ProofBundle.Claim> claims(JsonObject b) throws MalformedException {
    List<ProofBundle.Claim> claims = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<JsonNode> items = b.array("claims", true);
    for (int i = 0; i < items.size(); i++) {
      JsonObject c = new JsonObject("bundle.claims[" + i + "]", items.get(i), CLAIM_FIELDS);
      String cert = c.string("certificate");
      checkName(c.path("certificate"), cert);
      if (!seen.add(cert)) {
        throw new MalformedException(c.path("certificate"), "claimed twice");
      }
      claims.add(new ProofBundle.Claim(cert, status(c), c.natural("asOf")));
    }
    return claims;
  }

  private static CertificateStatus status(JsonObject c) throws MalformedException {
    String name = c.string("status");
    for (CertificateStatus s : CertificateStatus.values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new MalformedException(c.path("status"), "not a certificate status: " + name);
  }

  /** Subjects and certificate ids: what a log's subject link may name, nothing invisible. */
  private static void checkName(String path, String name) throws MalformedException {
    if (name.isEmpty()
        || name.length() > MAX_SUBJECT_CHARS
        || name.chars().anyMatch(ch -> Character.isISOControl(ch) || Character.isWhitespace(ch))) {
      throw new MalformedException(
          path, "must be 1 to " + MAX_SUBJECT_CHARS + " characters, none blank or control");
    }
  }

  /** Only when present, so a plain bundle encodes as it did before these fields existed. */
  private static void putProvenance(ObjectNode root, ProofBundle bundle) {
    if (!bundle.subjects().isEmpty()) {
      ArrayNode subjects = root.putArray("subjects");
      bundle.subjects().forEach(subjects::add);
    }
    if (!bundle.claims().isEmpty()) {
      ArrayNode claims = root.putArray("claims");
      for (ProofBundle.Claim c : bundle.claims()) {
        claims
            .addObject()
            .put("certificate", c.certificate())
            .put("status", c.status().name())
            .put("asOf", c.asOfMillis());
      }
    }
  }

  private static ProofBundle.Entry entry(JsonObject e) throws MalformedException {
    byte[] bytes = Base64Codec.decode(e.path("entry"), e.string("entry"));
    return new ProofBundle.Entry(e.natural("index"), bytes, hashes(e, "inclusionProof"));
  }

  private static ProofBundle.Anchor anchor(JsonObject a) throws MalformedException {
    return new ProofBundle.Anchor(
        a.natural("chainId"),
        a.string("registry"),
        a.string("txHash"),
        a.natural("blockNumber"),
        a.natural("treeSize"),
        Hash.parseBase64(a.path("root"), a.string("root")),
        a.has("checkpoint") ? Optional.of(a.string("checkpoint")) : Optional.empty());
  }

  private static List<Hash> hashes(JsonObject o, String field) throws MalformedException {
    List<JsonNode> items = o.array(field, false);
    List<Hash> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      String path = o.path(field) + "[" + i + "]";
      out.add(Hash.parseBase64(path, JsonObject.text(path, items.get(i))));
    }
    return out;
  }

  private static void putHashes(ArrayNode array, List<Hash> hashes) {
    hashes.forEach(h -> array.add(h.base64()));
  }
}
