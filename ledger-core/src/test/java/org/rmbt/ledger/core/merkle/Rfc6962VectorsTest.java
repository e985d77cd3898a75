package org.rmbt.ledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.testing.Vectors;

/**
 * The RFC 6962 reference tree of 8 leaves (shared/vectors/ct/rfc6962-roots.json), built with {@link
 * MerkleTree#integrate} one leaf at a time: every root, stored node hash and proof must match.
 */
class Rfc6962VectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static JsonNode vectors;
  private static MapHashReader store;

  @BeforeAll
  static void build() throws IOException {
    vectors = new ObjectMapper().readTree(Vectors.dir().resolve("ct/rfc6962-roots.json").toFile());
    store = new MapHashReader();
    long size = 0;
    for (JsonNode leaf : vectors.get("leaves").get("values")) {
      size = store.append(size, List.of(Hashing.leaf(HEX.parseHex(leaf.asText())))).size();
    }
    assertThat(size).isEqualTo(8);
  }

  @Test
  void everyPrefixRoot() {
    JsonNode roots = vectors.get("roots");
    assertThat(roots).hasSize(9);
    for (JsonNode r : roots) {
      long size = r.get("treeSize").asLong();
      assertThat(MerkleTree.treeHash(size, store))
          .as("root of %d", size)
          .isEqualTo(hash(r, "root"));
    }
  }

  @Test
  void everyStoredNodeHash() {
    JsonNode levels = vectors.get("nodeHashes").get("levels");
    int count = 0;
    for (int level = 0; level < levels.size(); level++) {
      for (int i = 0; i < levels.get(level).size(); i++) {
        Hash want = new Hash(HEX.parseHex(levels.get(level).get(i).asText()));
        long index = StoredHashes.storedHashIndex(level, i);
        assertThat(store.contents().get(index)).as("node (%d, %d)", level, i).isEqualTo(want);
        count++;
      }
    }
    assertThat(count).isEqualTo(15);
    // Exactly those 15 hashes are stored, nothing else.
    assertThat(store.contents()).hasSize(15);
    assertThat(StoredHashes.storedHashCount(8)).isEqualTo(15);
  }

  @Test
  void inclusionProofs() {
    JsonNode proofs = vectors.get("inclusionProofs");
    assertThat(proofs).hasSize(5);
    for (JsonNode p : proofs) {
      long index = p.get("leafIdx").asLong();
      long size = p.get("treeSize").asLong();
      List<Hash> want = hashes(p.get("proof"));
      assertThat(Proofs.inclusion(index, size, store)).as("%d in %d", index, size).isEqualTo(want);
      assertThatNoException()
          .isThrownBy(
              () ->
                  Proofs.verifyInclusion(index, size, hash(p, "leafHash"), want, hash(p, "root")));
    }
  }

  @Test
  void consistencyProofs() {
    JsonNode proofs = vectors.get("consistencyProofs");
    assertThat(proofs).hasSize(5);
    for (JsonNode p : proofs) {
      long size1 = p.get("size1").asLong();
      long size2 = p.get("size2").asLong();
      List<Hash> want = hashes(p.get("proof"));
      assertThat(Proofs.consistency(size1, size2, store))
          .as("%d->%d", size1, size2)
          .isEqualTo(want);
      assertThatNoException()
          .isThrownBy(
              () ->
                  Proofs.verifyConsistency(size1, size2, want, hash(p, "root1"), hash(p, "root2")));
    }
  }

  @Test
  void hasherVectors() {
    JsonNode cases = vectors.get("hasherVectors");
    assertThat(cases).hasSize(4);
    for (JsonNode c : cases) {
      Hash want = hash(c, "want");
      Hash got =
          switch (c.get("op").asText()) {
            case "emptyRoot" -> Hashing.emptyRoot();
            case "leaf" -> Hashing.leaf(HEX.parseHex(c.get("inputHex").asText()));
            // The vector's children are 4 bytes; Hashing.node only takes 32-byte Hash values, so
            // this checks the RFC 9162 node construction, 0x01 ‖ left ‖ right, directly.
            case "node" ->
                Hashing.sha256(
                    new byte[] {0x01},
                    HEX.parseHex(c.get("leftHex").asText()),
                    HEX.parseHex(c.get("rightHex").asText()));
            default -> throw new IllegalStateException("unknown op " + c.get("op"));
          };
      assertThat(got).as(c.get("desc").asText()).isEqualTo(want);
    }
  }

  private static Hash hash(JsonNode node, String field) {
    return new Hash(HEX.parseHex(node.get(field).asText()));
  }

  private static List<Hash> hashes(JsonNode arr) {
    List<Hash> out = new ArrayList<>();
    for (JsonNode h : arr) {
      out.add(new Hash(HEX.parseHex(h.asText())));
    }
    return out;
  }
}
