package org.rmbt.ledger.core.checkpoint;

import java.util.Arrays;
import org.rmbt.ledger.core.hash.Base64Codec;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * A C2SP verifier key: {@code name+hex(keyID)+base64(type ‖ public key)} (signed-note §Verifier
 * keys). Type {@link KeyType#ED25519} checks log signatures over the note text; type {@link
 * KeyType#COSIGNATURE_V1} checks timestamped witness cosignatures (tlog-cosignature).
 */
public record VerifierKey(String name, int keyId, KeyType type, Ed25519PublicKey publicKey) {

  public VerifierKey {
    if (!KeyName.isValid(name)) {
      throw new IllegalArgumentException("invalid key name: " + name);
    }
    if (keyId != KeyName.keyId(name, type, publicKey)) {
      throw new IllegalArgumentException("key ID does not match name, type and key");
    }
  }

  /** The key with its key ID computed as signed-note §Signatures and tlog-cosignature specify. */
  public static VerifierKey of(String name, KeyType type, Ed25519PublicKey publicKey) {
    return new VerifierKey(name, KeyName.keyId(name, type, publicKey), type, publicKey);
  }

  /** Strict parse: every part canonical, the key ID must be the one the key hashes to. */
  public static VerifierKey parse(String vkey) throws MalformedException {
    int a = vkey.indexOf('+');
    int b = a < 0 ? -1 : vkey.indexOf('+', a + 1);
    if (b < 0) {
      throw new MalformedException("vkey", "want name+keyid+key");
    }
    String name = vkey.substring(0, a);
    KeyName.check("vkey.name", name);
    int keyId = KeyName.parseHex("vkey.keyId", vkey.substring(a + 1, b));
    byte[] raw = Base64Codec.decode("vkey.key", vkey.substring(b + 1));
    if (raw.length == 0) {
      throw new MalformedException("vkey.key", "empty");
    }
    KeyType type = KeyType.fromId("vkey.key", raw[0]);
    byte[] keyBytes = Arrays.copyOfRange(raw, 1, raw.length);
    Ed25519PublicKey key = Ed25519PublicKey.decode("vkey.key", keyBytes);
    if (keyId != KeyName.keyId(name, type, key)) {
      throw new MalformedException("vkey.keyId", "does not match the name and key");
    }
    return new VerifierKey(name, keyId, type, key);
  }

  public String encode() {
    byte[] pub = publicKey.bytes();
    byte[] raw = new byte[1 + pub.length];
    raw[0] = type.id();
    System.arraycopy(pub, 0, raw, 1, pub.length);
    return name + "+" + KeyName.hex(keyId) + "+" + Base64Codec.encode(raw);
  }

  /**
   * Checks a note signature (the bytes after the key ID) over the note text: plain Ed25519 for type
   * 0x01; for type 0x04 the {@code timestamped_signature} of tlog-cosignature over {@code
   * "cosignature/v1\ntime <t>\n" ‖ text}.
   */
  public boolean verify(byte[] text, byte[] signature) {
    return switch (type) {
      case ED25519 -> publicKey.verify(text, signature);
      case COSIGNATURE_V1 -> Cosignature.verify(publicKey, text, signature);
    };
  }

  /** Whether {@code sig} claims to be by this key (same name and key ID). */
  public boolean matches(NoteSignature sig) {
    return name.equals(sig.name()) && keyId == sig.keyId();
  }

  @Override
  public String toString() {
    return encode();
  }
}
