package org.rmbt.ledger.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.core.checkpoint.NoteVectorsTest.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.testing.Vectors;

/**
 * The {@code signedCases} of checkpoint-vectors.json. Ed25519 (type 1) cases all run; ECDSA (2) and
 * RFC 6962 (5) ones are skipped and counted. formats' TestParseCheckpoint notes have a 6-byte root
 * ("abcdef"): their signatures must verify exactly as formats says, but our strict body parser then
 * rejects them at {@code checkpoint.root}; those are listed.
 */
class SignedCheckpointVectorsTest {

  @Test
  void signedCases() throws IOException, MalformedException {
    JsonNode root = load();
    List<String> failures = new ArrayList<>();
    List<String> shortRoot = new ArrayList<>();
    int run = 0;
    int skipped = 0;
    for (JsonNode c : root.get("signedCases")) {
      if (c.get("sigType").asInt() != 1) {
        skipped++;
        continue;
      }
      run++;
      byte[] note = c.get("note").asText().getBytes(StandardCharsets.UTF_8);
      VerifierKey logKey = VerifierKey.parse(c.get("logVkey").asText());
      Keyring others = NoteVectorsTest.keyring(c.get("otherVkeys"));
      String desc = c.get("desc").asText();
      checkNoteLayer(failures, c, note, logKey, others);
      boolean strictDiffers = hasShortRoot(c.get("note").asText()) && verifies(note, logKey);
      Class<?> want = strictDiffers ? MalformedException.class : expected(c);
      try {
        SignedCheckpoint sc =
            SignedCheckpoint.open(note, c.get("origin").asText(), logKey, others.keys());
        check(failures, want == null, desc, "opened, want " + want);
        check(failures, sc.signatures().size() == c.get("wantSigs").asInt(), desc, "sigs");
        check(failures, Arrays.equals(sc.note(), note), desc, "note bytes");
      } catch (MalformedException | VerificationException e) {
        check(failures, want != null && want.isInstance(e), desc, "want " + want + ", got " + e);
        if (strictDiffers) {
          check(failures, ((MalformedException) e).field().equals("checkpoint.root"), desc, "");
          shortRoot.add(desc);
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(run).isEqualTo(17);
    assertThat(resigned(root)).isEqualTo(11);
    assertThat(skipped).isEqualTo(6);
    // 8 that formats accepts, plus "all sigs but wrong logID", which fails for its root first.
    assertThat(shortRoot).hasSize(9).allMatch(d -> d.startsWith("TestParseCheckpoint"));
  }

  private static JsonNode load() throws IOException {
    return new ObjectMapper()
        .readTree(Vectors.dir().resolve("note/checkpoint-vectors.json").toFile());
  }

  /** Re-creates every {@code derived} note from the skeys: Ed25519 is deterministic. */
  private static int resigned(JsonNode root) throws MalformedException {
    Map<String, SignerKey> byName = new HashMap<>();
    for (JsonNode k : root.get("keys")) {
      if (!k.get("skey").isNull()) {
        SignerKey s = SignerKey.parse(k.get("skey").asText());
        byName.put(s.name(), s);
      }
    }
    int n = 0;
    for (JsonNode c : root.get("signedCases")) {
      if (!c.path("derived").asBoolean()) {
        continue;
      }
      String note = c.get("note").asText();
      List<SignerKey> signers = new ArrayList<>();
      c.get("signers").forEach(s -> signers.add(byName.get(s.asText())));
      Note signed = Note.of(note.substring(0, note.lastIndexOf("\n\n") + 1), List.of());
      assertThat(new String(signed.sign(signers).encode(), StandardCharsets.UTF_8))
          .as(c.get("desc").asText())
          .isEqualTo(note);
      n++;
    }
    return n;
  }

  /** Where the note verifies, the number of verified signatures is formats' {@code wantSigs}. */
  private static void checkNoteLayer(
      List<String> failures, JsonNode c, byte[] note, VerifierKey logKey, Keyring others) {
    if (!c.has("wantSigs")) {
      return;
    }
    List<VerifierKey> keys = new ArrayList<>(others.keys());
    keys.add(logKey);
    try {
      VerifiedNote n = Note.open(note, new Keyring(keys));
      check(failures, n.verified().size() == c.get("wantSigs").asInt(), c.get("desc").asText(), "");
    } catch (MalformedException | VerificationException e) {
      check(failures, c.get("wantErr").asBoolean(), c.get("desc").asText(), "note layer " + e);
    }
  }

  /** The exception formats' reason implies, or null for success. */
  private static Class<?> expected(JsonNode c) {
    if (!c.get("wantErr").asBoolean()) {
      return null;
    }
    String reason = c.get("reason").asText();
    if (reason.contains("malformed note") || reason.contains("body is not a checkpoint")) {
      return MalformedException.class;
    }
    if (reason.equals("no signature from the log key")) {
      return UnknownKeyException.class;
    }
    if (reason.equals("origin mismatch")) {
      return OriginMismatchException.class;
    }
    throw new AssertionError("no mapping for " + reason);
  }

  private static boolean hasShortRoot(String note) {
    int split = note.lastIndexOf("\n\n");
    String[] body = split < 0 ? new String[0] : note.substring(0, split).split("\n", -1);
    return body.length >= 3 && body[2].length() != 44;
  }

  private static boolean verifies(byte[] note, VerifierKey logKey) {
    try {
      return Note.open(note, Keyring.of(logKey)).verified().stream().anyMatch(logKey::matches);
    } catch (MalformedException | VerificationException e) {
      return false;
    }
  }
}
