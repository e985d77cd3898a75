package org.rmbt.ledger.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.core.checkpoint.NoteVectorsTest.check;
import static org.rmbt.ledger.core.checkpoint.NoteVectorsTest.sigs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.testing.Vectors;

/** Every {@code openCases} entry of note-vectors.json, with the exception type each must raise. */
class NoteOpenVectorsTest {

  @Test
  void openCases() throws IOException, MalformedException {
    JsonNode root =
        new ObjectMapper().readTree(Vectors.dir().resolve("note/note-vectors.json").toFile());
    List<String> failures = new ArrayList<>();
    int run = 0;
    int goSpecific = 0;
    for (JsonNode c : root.get("openCases")) {
      run++;
      if (c.path("goSpecific").asBoolean()) {
        goSpecific++;
      }
      String desc = c.get("desc").asText();
      Keyring ring = NoteVectorsTest.keyring(c.get("verifierKeys"));
      try {
        VerifiedNote n = Note.open(NoteVectorsTest.message(c), ring);
        check(failures, !c.get("wantErr").asBoolean(), desc, "opened, want error");
        check(failures, n.text().equals(c.get("wantText").asText()), desc, "text");
        check(failures, sigs(n.verified()).equals(sigs(c.get("wantSigs"))), desc, "sigs");
        check(
            failures,
            sigs(n.unverified()).equals(sigs(c.get("wantUnverifiedSigs"))),
            desc,
            "unverified " + sigs(n.unverified()));
      } catch (Exception e) {
        check(failures, c.get("wantErr").asBoolean(), desc, "unexpected " + e);
        Class<?> want = expectedType(c.path("wantErrText").asText(null));
        check(failures, want.isInstance(e), desc, "want " + want.getSimpleName() + ", got " + e);
        if (e instanceof UnknownKeyException u && c.has("wantUnverifiedSigs")) {
          check(
              failures,
              sigs(u.unverified()).equals(sigs(c.get("wantUnverifiedSigs"))),
              desc,
              "unverified in exception");
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(run).isEqualTo(20);
    assertThat(goSpecific).isEqualTo(3); // 100-signature limit twice, duplicate keyring entry
  }

  /** Go's message names the failure; we name it by type. No text: the key is unknown. */
  private static Class<?> expectedType(String goText) {
    if (goText == null || goText.equals("note has no verifiable signatures")) {
      return UnknownKeyException.class;
    }
    if (goText.equals("malformed note")) {
      return MalformedException.class;
    }
    if (goText.startsWith("invalid signature for key")) {
      return NoteSignatureException.class;
    }
    if (goText.startsWith("ambiguous key")) {
      return AmbiguousKeyException.class;
    }
    throw new AssertionError("no mapping for " + goText);
  }
}
