package org.rmbt.ledger.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.core.checkpoint.NoteVectorsTest.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Base64Codec;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.testing.Vectors;

/**
 * Every case of {@code note/checkpoint-vectors.json} (transparency-dev/formats, C2SP). Where
 * formats is lenient — roots that are not 32 bytes, empty extension lines — our strict parser
 * rejects the body; those cases are asserted as rejections, counted and listed.
 */
class CheckpointVectorsTest {
  /** A 32-byte root substituted where a vector's root is too short for a SHA-256 tree. */
  private static final String ROOT32 = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

  private static JsonNode root;

  @BeforeAll
  static void load() throws IOException {
    root =
        new ObjectMapper().readTree(Vectors.dir().resolve("note/checkpoint-vectors.json").toFile());
  }

  @Test
  void keys() throws MalformedException {
    List<String> failures = new ArrayList<>();
    int ed25519 = 0;
    int otherTypes = 0;
    for (JsonNode k : root.get("keys")) {
      String vkey = k.get("vkey").asText();
      if (k.get("sigType").asInt() != 1) {
        otherTypes++; // ECDSA (2) and RFC 6962 STH (5): not ours to speak
        check(failures, NoteVectorsTest.rejects(() -> VerifierKey.parse(vkey)), "type", vkey);
        continue;
      }
      ed25519++;
      VerifierKey v = VerifierKey.parse(vkey);
      check(failures, v.encode().equals(vkey), "encode", vkey);
      if (!k.get("skey").isNull()) {
        check(failures, SignerKey.parse(k.get("skey").asText()).verifierKey().equals(v), "", vkey);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(ed25519).isEqualTo(8);
    assertThat(otherTypes).isEqualTo(3);
  }

  @Test
  void bodyCases() {
    List<String> failures = new ArrayList<>();
    List<String> strictRejects = new ArrayList<>();
    int run = 0;
    for (JsonNode c : root.get("bodyCases")) {
      run++;
      String desc = c.get("desc").asText();
      String body = c.get("body").asText();
      boolean rejected = NoteVectorsTest.rejects(() -> CheckpointCodec.parse(body));
      if (c.get("wantErr").asBoolean()) {
        check(failures, rejected, desc, "accepted");
      } else if (c.has("c2spNote")) {
        check(failures, rejected, desc, "strict parser accepted a c2spNote body");
        strictRejects.add(desc);
        checkWithRoot32(failures, c, body);
      } else {
        check(failures, matches(c, body, c.get("want").get("hashB64").asText()), desc, body);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(run).isEqualTo(14);
    assertThat(strictRejects)
        .containsExactly(
            "valid one",
            "valid with different origin",
            "valid with trailing data (one extension line)",
            "valid with multiple trailing data lines",
            "valid with trailing newlines",
            "TestExtendCheckpoint: checkpoint with two ecosystem extension lines (hex timestamp,"
                + " phase)");
  }

  /**
   * The rest of a c2spNote body must still parse as formats says once the root is 32 bytes, except
   * empty extension lines, which tlog-checkpoint forbids.
   */
  private static void checkWithRoot32(List<String> failures, JsonNode c, String body) {
    String[] lines = body.split("\n", -1);
    lines[2] = ROOT32;
    String fixed = String.join("\n", lines);
    String desc = c.get("desc").asText();
    String rest = c.path("wantRest").asText("");
    if (rest.startsWith("\n") || rest.contains("\n\n")) {
      check(failures, NoteVectorsTest.rejects(() -> CheckpointCodec.parse(fixed)), desc, fixed);
    } else {
      check(failures, matches(c, fixed, ROOT32), desc + " (32-byte root)", fixed);
    }
  }

  private static boolean matches(JsonNode c, String body, String rootB64) {
    try {
      Checkpoint cp = CheckpointCodec.parse(body);
      JsonNode want = c.get("want");
      String rest = c.get("wantRest").isNull() ? "" : c.get("wantRest").asText();
      String gotRest = cp.extensions().stream().map(l -> l + "\n").reduce("", String::concat);
      return cp.origin().equals(want.get("origin").asText())
          && cp.size() == want.get("size").asLong()
          && cp.root().base64().equals(rootB64)
          && gotRest.equals(rest)
          && CheckpointCodec.encode(cp).equals(body);
    } catch (MalformedException e) {
      return false;
    }
  }

  /**
   * Both formats marshal cases use short roots ("bananas", 37 bytes), which a {@link Hash} cannot
   * hold: we assert that, then the exact output with a 32-byte root in their place.
   */
  @Test
  void marshalCases() {
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (JsonNode c : root.get("marshalCases")) {
      run++;
      String hashB64 = c.get("hashB64").asText();
      check(
          failures,
          NoteVectorsTest.rejects(() -> Hash.parseBase64("root", hashB64)),
          "short root",
          hashB64);
      check(failures, !NoteVectorsTest.rejects(() -> Base64Codec.decode("r", hashB64)), "", "");
      Checkpoint cp =
          new Checkpoint(c.get("origin").asText(), c.get("size").asLong(), rootOf(ROOT32));
      String want = c.get("want").asText().replace(hashB64, ROOT32);
      check(failures, CheckpointCodec.encode(cp).equals(want), c.get("desc").asText(), want);
    }
    assertThat(failures).isEmpty();
    assertThat(run).isEqualTo(2);
  }

  @Test
  void specExampleBodyEncodesExactly() throws MalformedException {
    String body = "example.com/behind-the-sofa\n20852163\n" + ROOT32 + "\n";
    Checkpoint cp = new Checkpoint("example.com/behind-the-sofa", 20852163L, rootOf(ROOT32));
    assertThat(CheckpointCodec.encode(cp)).isEqualTo(body);
    assertThat(CheckpointCodec.parse(body)).isEqualTo(cp);
  }

  static Hash rootOf(String b64) {
    try {
      return Hash.parseBase64("root", b64);
    } catch (MalformedException e) {
      throw new AssertionError(e);
    }
  }
}
