package org.rmbt.ledger.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.record.RecordCodec;
import org.rmbt.ledger.proto.Entry;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.LedgerEntry;
import org.rmbt.ledger.proto.Signature;
import org.rmbt.ledger.proto.SubjectLink;

/** An entry from a node, decoded (strictly) for people or as a JSON object. */
final class EntryOutput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private EntryOutput() {}

  static ObjectNode json(Entry e) throws MalformedException {
    LedgerEntry le = EntryCodec.decodeEntry(e.getEntry().toByteArray());
    Envelope env = le.getEnvelope();
    ObjectNode n =
        Report.object()
            .put("index", e.getIndex())
            .put("leafHash", HEX.formatHex(e.getLeafHash().toByteArray()))
            .put("prevLeafHash", HEX.formatHex(le.getPrevLeafHash().toByteArray()))
            .put("integratedAt", Instant.ofEpochMilli(le.getIntegratedAt()).toString())
            .put("payloadType", env.getPayloadType())
            .put("payload", Base64.getEncoder().encodeToString(env.getPayload().toByteArray()));
    for (Signature s : env.getSignaturesList()) {
      n.withArray("signers").add(s.getKeyid());
    }
    for (SubjectLink l : le.getSubjectLinksList()) {
      n.withArray("subjects").add(l.getSubject());
    }
    record(env, n);
    return n;
  }

  /** A record payload also as its protobuf JSON; other payloads as base64 only. */
  private static void record(Envelope env, ObjectNode n) {
    try {
      n.set("record", JSON.readTree(RecordCodec.toJson(RecordCodec.decodePayload(env))));
    } catch (MalformedException | JsonProcessingException e) {
      // not a record payload type: the base64 payload is all there is
    }
  }

  static void print(Entry e, boolean json) throws MalformedException {
    ObjectNode n = json(e);
    if (json) {
      Report.print(n);
      return;
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, JsonNode> f : n.properties()) {
      String v = f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString();
      b.append(String.format("%-13s %s%n", f.getKey(), v));
    }
    System.out.print(b);
  }
}
