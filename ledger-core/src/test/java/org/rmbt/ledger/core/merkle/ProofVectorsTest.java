package org.rmbt.ledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Base64Codec;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.testing.Vectors;

/**
 * Every transparency-dev/merkle proof vector (shared/vectors/merkle, see its README): each file
 * must verify exactly when {@code wantErr} is false. A hash field of the wrong length cannot become
 * a {@link Hash}, which counts as a rejection.
 */
class ProofVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Go does not look at root lengths when size1 == size2, so upstream accepts this case with
   * 12-byte roots ("don't care 2"). Our {@link Hash} is always 32 bytes, so such roots are rejected
   * while decoding: we reject where the vector expects success, deliberately.
   */
  private static final Map<String, String> KNOWN_DIVERGENCES =
      Map.of(
          "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json",
          "12-byte roots; Hash is always 32 bytes, so we reject");

  /** Outcome tally of one vector directory. */
  private record Tally(int wantAccept, int wantReject, int accepted, List<String> mismatches) {}

  @Test
  void inclusionVectors() throws IOException {
    Tally t = run("inclusion");
    assertThat(t.mismatches()).isEmpty();
    assertThat(t.wantAccept()).isEqualTo(6);
    assertThat(t.wantReject()).isEqualTo(92);
    assertThat(t.accepted()).isEqualTo(6);
  }

  @Test
  void consistencyVectors() throws IOException {
    Tally t = run("consistency");
    assertThat(t.mismatches()).containsExactlyElementsOf(KNOWN_DIVERGENCES.keySet());
    assertThat(t.wantAccept()).isEqualTo(6);
    assertThat(t.wantReject()).isEqualTo(92);
    // 6 expected accepts minus the one known divergence.
    assertThat(t.accepted()).isEqualTo(5);
  }

  private static Tally run(String kind) throws IOException {
    Path root = Vectors.dir().resolve("merkle");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root.resolve(kind))) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    int wantAccept = 0;
    int accepted = 0;
    List<String> mismatches = new ArrayList<>();
    for (Path file : files) {
      String name = root.relativize(file).toString().replace('\\', '/');
      JsonNode v = JSON.readTree(file.toFile());
      boolean wantErr = v.get("wantErr").asBoolean();
      wantAccept += wantErr ? 0 : 1;
      String why = kind.equals("inclusion") ? checkInclusion(v) : checkConsistency(v);
      accepted += why == null ? 1 : 0;
      if ((why != null) != wantErr) {
        mismatches.add(name);
      }
    }
    return new Tally(wantAccept, files.size() - wantAccept, accepted, mismatches);
  }

  /** Returns null when the vector verifies, else why it was rejected. */
  private static String checkInclusion(JsonNode v) {
    try {
      Proofs.verifyInclusion(
          uint64(v, "leafIdx"),
          uint64(v, "treeSize"),
          hash(v, "leafHash"),
          hashes(v, "proof"),
          hash(v, "root"));
      return null;
    } catch (MalformedException | ProofException e) {
      return e.getMessage();
    }
  }

  private static String checkConsistency(JsonNode v) {
    try {
      Proofs.verifyConsistency(
          uint64(v, "size1"),
          uint64(v, "size2"),
          hashes(v, "proof"),
          hash(v, "root1"),
          hash(v, "root2"));
      return null;
    } catch (MalformedException | ProofException e) {
      return e.getMessage();
    }
  }

  /**
   * The vectors hold uint64; values of 2^63 and up (e.g. leafIdx 0 minus 1) wrap to negative longs,
   * which the verifiers reject: no tree reaches 2^62 leaves.
   */
  private static long uint64(JsonNode v, String field) {
    JsonNode n = v.get(field);
    if (n == null || !n.isIntegralNumber()) {
      throw new IllegalArgumentException(field + " is not an integer: " + n);
    }
    return n.bigIntegerValue().longValue();
  }

  private static Hash hash(JsonNode v, String field) throws MalformedException {
    return Hash.decode(field, bytes(v.get(field), field));
  }

  private static List<Hash> hashes(JsonNode v, String field) throws MalformedException {
    List<Hash> out = new ArrayList<>();
    JsonNode arr = v.get(field);
    if (arr == null || arr.isNull()) {
      return out;
    }
    for (int i = 0; i < arr.size(); i++) {
      String name = field + "[" + i + "]";
      out.add(Hash.decode(name, bytes(arr.get(i), name)));
    }
    return out;
  }

  /**
   * Go encodes []byte as standard base64; null and "" both mean empty. Bad base64 would be a broken
   * vector file, not a rejection, so it fails the test instead of counting.
   */
  private static byte[] bytes(JsonNode n, String field) {
    if (n == null || n.isNull()) {
      return new byte[0];
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(field + " is not a string: " + n);
    }
    try {
      return n.asText().isEmpty() ? new byte[0] : Base64Codec.decode(field, n.asText());
    } catch (MalformedException e) {
      throw new IllegalStateException("broken vector file", e);
    }
  }
}
