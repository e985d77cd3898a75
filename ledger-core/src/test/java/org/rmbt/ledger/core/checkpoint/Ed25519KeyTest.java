package org.rmbt.ledger.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.MalformedException;

/** The Ed25519 value API against RFC 8032 §7.1 and its own contract. */
class Ed25519KeyTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rfc8032Test1() {
    Ed25519PrivateKey k =
        Ed25519PrivateKey.fromSeed(
            HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertThat(HEX.formatHex(k.publicKey().bytes()))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    byte[] sig = k.sign(new byte[0]);
    assertThat(HEX.formatHex(sig))
        .isEqualTo(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e"
                + "39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    assertThat(k.publicKey().verify(new byte[0], sig)).isTrue();
    assertThat(k.publicKey().verify(new byte[] {0}, sig)).isFalse();
    sig[63] ^= 0x40;
    assertThat(k.publicKey().verify(new byte[0], sig)).isFalse();
    assertThat(k.publicKey().verify(new byte[0], new byte[63])).isFalse();
  }

  @Test
  void generatedKeysSignAndBytesAreCopies() {
    Ed25519PrivateKey k = Ed25519PrivateKey.generate(new SecureRandom());
    byte[] msg = {1, 2, 3};
    assertThat(k.publicKey().verify(msg, k.sign(msg))).isTrue();
    byte[] seed = k.seed();
    seed[0] ^= 1;
    assertThat(k.seed()).isNotEqualTo(seed);
    assertThat(Ed25519PrivateKey.fromSeed(k.seed())).isEqualTo(k);
    byte[] pub = k.publicKey().bytes();
    pub[0] ^= 1;
    assertThat(k.publicKey().bytes()).isNotEqualTo(pub);
    assertThat(k.toString()).doesNotContain(HEX.formatHex(k.seed()));
  }

  @Test
  void wrongLengthsAreRefused() {
    assertThat(catchThrowable(() -> Ed25519PublicKey.decode("k", new byte[31])))
        .isInstanceOf(MalformedException.class);
    assertThat(catchThrowable(() -> Ed25519PrivateKey.decodeSeed("k", new byte[33])))
        .isInstanceOf(MalformedException.class);
    assertThat(catchThrowable(() -> Ed25519PrivateKey.fromSeed(new byte[1])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pointsOffTheCurveAreRefused() {
    // y = 2 has no x on edwards25519 (x^2 would be a non-square).
    byte[] notAPoint = new byte[32];
    notAPoint[0] = 2;
    assertThat(catchThrowable(() -> Ed25519PublicKey.decode("k", notAPoint)))
        .isInstanceOf(MalformedException.class);
  }
}
