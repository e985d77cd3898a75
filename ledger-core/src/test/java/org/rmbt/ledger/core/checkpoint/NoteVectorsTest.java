package org.rmbt.ledger.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.testing.Vectors;

/**
 * Every case of {@code note/note-vectors.json} (golang.org/x/mod/sumdb/note and the C2SP spec):
 * failures are collected per section, then the list must be empty and the count exact.
 */
class NoteVectorsTest {
  private static JsonNode root;

  @BeforeAll
  static void load() throws IOException {
    root = new ObjectMapper().readTree(Vectors.dir().resolve("note/note-vectors.json").toFile());
  }

  @Test
  void keys() {
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (JsonNode c : root.get("keys")) {
      run++;
      String vkey = c.get("vkey").asText();
      try {
        VerifierKey v = VerifierKey.parse(vkey);
        check(failures, v.name().equals(c.get("name").asText()), "name", vkey);
        check(failures, KeyName.hex(v.keyId()).equals(c.get("keyId").asText()), "keyId", vkey);
        check(failures, v.encode().equals(vkey), "encode", vkey);
        if (!c.get("skey").isNull()) {
          SignerKey s = SignerKey.parse(c.get("skey").asText());
          check(failures, s.verifierKey().equals(v), "skey->vkey", vkey);
          check(failures, s.encode().equals(c.get("skey").asText()), "skey encode", vkey);
        }
      } catch (MalformedException e) {
        failures.add(vkey + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(run).isEqualTo(3);
  }

  @Test
  void vkeyAndSkeyCases() {
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (JsonNode c : root.get("vkeyCases")) {
      run++;
      String vkey = c.get("vkey").asText();
      boolean failed = rejects(() -> VerifierKey.parse(vkey));
      check(failures, failed == c.get("wantErr").asBoolean(), c.get("desc").asText(), vkey);
    }
    for (JsonNode c : root.get("skeyCases")) {
      run++;
      String skey = c.get("skey").asText();
      boolean failed = rejects(() -> SignerKey.parse(skey));
      check(failures, failed == c.get("wantErr").asBoolean(), c.get("desc").asText(), skey);
    }
    assertThat(failures).isEmpty();
    assertThat(run).isEqualTo(6);
  }

  /** Every proper substring and every one-byte +1 copy of the base key must be rejected. */
  @Test
  void manglingRules() {
    List<String> failures = new ArrayList<>();
    int run = 0;
    int expected = 0;
    for (JsonNode rule : root.get("manglingRules")) {
      String base = rule.get("base").asText();
      boolean vkey = rule.get("appliesTo").asText().equals("vkey");
      Parser p = vkey ? s -> VerifierKey.parse(s) : s -> SignerKey.parse(s);
      check(failures, !rejects(() -> p.parse(base)), "base must parse", base);
      int n = base.length();
      expected += n * (n + 1) / 2 - 1 + n;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j <= n; j++) {
          if (i == 0 && j == n) {
            continue;
          }
          run++;
          String sub = base.substring(i, j);
          check(failures, rejects(() -> p.parse(sub)), "substring accepted", sub);
        }
        run++;
        byte[] b = base.getBytes(StandardCharsets.UTF_8);
        b[i]++;
        String mutated = new String(b, StandardCharsets.UTF_8);
        check(failures, rejects(() -> p.parse(mutated)), "byte+1 accepted", mutated);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(run).isEqualTo(expected).isGreaterThan(5000);
  }

  @Test
  void signCases() {
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (JsonNode c : root.get("signCases")) {
      run++;
      String desc = c.get("desc").asText();
      String got;
      try {
        got = sign(c);
      } catch (MalformedException e) {
        got = null;
      }
      if (c.get("wantErr").asBoolean()) {
        check(failures, got == null, desc, "signing must fail");
      } else {
        check(failures, c.get("want").asText().equals(got), desc, String.valueOf(got));
      }
    }
    assertThat(failures).isEmpty();
    assertThat(run).isEqualTo(6);
  }

  /**
   * Go's {@code Sign} drops an existing signature that a new signer replaces before it looks at it;
   * any other existing signature must decode and start with its key ID.
   */
  private static String sign(JsonNode c) throws MalformedException {
    List<SignerKey> signers = new ArrayList<>();
    for (JsonNode s : c.get("skeys")) {
      signers.add(SignerKey.parse(s.asText()));
    }
    List<NoteSignature> existing = new ArrayList<>();
    for (JsonNode e : c.get("existingSigs")) {
      String name = e.get("name").asText();
      int keyId = Integer.parseUnsignedInt(e.get("keyId").asText(), 16);
      if (signers.stream().anyMatch(s -> s.name().equals(name) && s.keyId() == keyId)) {
        continue;
      }
      NoteSignature sig = NoteSignature.decode("existing", name, e.get("sigB64").asText());
      if (sig.keyId() != keyId) {
        throw new MalformedException("existing", "key ID does not match the signature");
      }
      existing.add(sig);
    }
    Note note = Note.of(c.get("text").asText(), existing).sign(signers);
    return new String(note.encode(), StandardCharsets.UTF_8);
  }

  @Test
  void lookupCases() throws MalformedException {
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (JsonNode c : root.get("lookupCases")) {
      run++;
      Keyring ring = keyring(c.get("verifierKeys"));
      int keyId = Integer.parseUnsignedInt(c.get("keyId").asText(), 16);
      String got;
      try {
        var key = ring.lookup(c.get("name").asText(), keyId);
        got = key.isPresent() ? "found" : "unknown";
        if (key.isPresent()) {
          check(failures, key.get().encode().equals(c.get("wantVkey").asText()), "vkey", got);
        }
      } catch (AmbiguousKeyException e) {
        got = "ambiguous";
      }
      check(failures, got.equals(c.get("want").asText()), c.get("desc").asText(), got);
    }
    assertThat(failures).isEmpty();
    assertThat(run).isEqualTo(4);
  }

  static Keyring keyring(JsonNode vkeys) throws MalformedException {
    List<VerifierKey> keys = new ArrayList<>();
    for (JsonNode k : vkeys) {
      keys.add(VerifierKey.parse(k.asText()));
    }
    return new Keyring(keys);
  }

  static List<String> sigs(List<NoteSignature> sigs) {
    return sigs.stream()
        .map(s -> s.name() + " " + KeyName.hex(s.keyId()) + " " + s.base64())
        .toList();
  }

  static List<String> sigs(JsonNode want) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : want) {
      out.add(
          s.get("name").asText() + " " + s.get("keyId").asText() + " " + s.get("sigB64").asText());
    }
    return out;
  }

  static byte[] message(JsonNode c) {
    return c.get("msg").isNull()
        ? Base64.getDecoder().decode(c.get("msgB64").asText())
        : c.get("msg").asText().getBytes(StandardCharsets.UTF_8);
  }

  static void check(List<String> failures, boolean ok, String what, String detail) {
    if (!ok) {
      failures.add(what + ": " + detail);
    }
  }

  interface Parser {
    Object parse(String s) throws MalformedException;
  }

  interface Action {
    void run() throws Exception;
  }

  /** True when the action throws a checked exception of ours; anything else propagates. */
  static boolean rejects(Action a) {
    try {
      a.run();
      return false;
    } catch (MalformedException | org.rmbt.ledger.core.hash.VerificationException e) {
      return true;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("unexpected " + e, e);
    }
  }
}
