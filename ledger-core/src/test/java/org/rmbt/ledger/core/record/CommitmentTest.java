package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;

class CommitmentTest {
  private static final byte[] SALT = new byte[32];

  @Test
  void followsTheDocumentedConstruction() {
    byte[] content = "bias report".getBytes(StandardCharsets.UTF_8);
    Hash expected =
        Hashing.sha256(
            "rmbt-commitment/v1\0".getBytes(StandardCharsets.US_ASCII),
            SALT,
            Hashing.sha256(content).bytes());
    assertThat(Commitment.make(SALT, content)).isEqualTo(expected);
    assertThat(Commitment.fromDigest(SALT, Hashing.sha256(content))).isEqualTo(expected);
    assertThat(Commitment.make(SALT, content)).isNotEqualTo(Hashing.sha256(content));
  }

  @Test
  void saltMustBe32Bytes() {
    assertThatThrownBy(() -> Commitment.make(new byte[31], new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Commitment.verify(Hashing.emptyRoot(), new byte[31], new byte[0])).isFalse();
  }

  @Property(tries = 300)
  void verifiesOnlyTheCommittedContentAndSalt(
      @ForAll @Size(32) byte[] salt, @ForAll byte[] content, @ForAll byte[] other) {
    Hash c = Commitment.make(salt, content);
    assertThat(Commitment.verify(c, salt, content)).isTrue();
    if (!java.util.Arrays.equals(content, other)) {
      assertThat(Commitment.verify(c, salt, other)).isFalse();
    }
    byte[] flipped = salt.clone();
    flipped[0] ^= 1;
    assertThat(Commitment.verify(c, flipped, content)).isFalse();
  }
}
