package org.rmbt.ledger.core.checkpoint;

import java.util.Arrays;
import org.rmbt.ledger.core.hash.Base64Codec;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * A log's Ed25519 note signing key (signature type 0x01). Its text form is the one
 * golang.org/x/mod/sumdb/note uses: {@code PRIVATE+KEY+name+hex(keyID)+base64(0x01 ‖ seed)}, where
 * the key ID is that of the derived public key (signed-note §Signatures).
 */
public final class SignerKey implements NoteSigner {
  private static final String PREFIX = "PRIVATE+KEY+";

  private final Ed25519PrivateKey key;
  private final VerifierKey verifierKey;

  private SignerKey(String name, Ed25519PrivateKey key) {
    this.key = key;
    this.verifierKey = VerifierKey.of(name, KeyType.ED25519, key.publicKey());
  }

  public static SignerKey of(String name, Ed25519PrivateKey key) {
    if (!KeyName.isValid(name)) {
      throw new IllegalArgumentException("invalid key name: " + name);
    }
    return new SignerKey(name, key);
  }

  /** Strict parse; the key ID must be the one the derived public key hashes to. */
  public static SignerKey parse(String skey) throws MalformedException {
    if (!skey.startsWith(PREFIX)) {
      throw new MalformedException("skey", "must start with " + PREFIX);
    }
    String rest = skey.substring(PREFIX.length());
    int a = rest.indexOf('+');
    int b = a < 0 ? -1 : rest.indexOf('+', a + 1);
    if (b < 0) {
      throw new MalformedException("skey", "want PRIVATE+KEY+name+keyid+key");
    }
    String name = rest.substring(0, a);
    KeyName.check("skey.name", name);
    int keyId = KeyName.parseHex("skey.keyId", rest.substring(a + 1, b));
    byte[] raw = Base64Codec.decode("skey.key", rest.substring(b + 1));
    if (raw.length == 0 || raw[0] != KeyType.ED25519.id()) {
      throw new MalformedException("skey.key", "signer keys must be of type 0x01 (Ed25519)");
    }
    Ed25519PrivateKey key =
        Ed25519PrivateKey.decodeSeed("skey.key", Arrays.copyOfRange(raw, 1, raw.length));
    SignerKey signer = new SignerKey(name, key);
    if (signer.keyId() != keyId) {
      throw new MalformedException("skey.keyId", "does not match the name and derived key");
    }
    return signer;
  }

  /** The secret text form: write it only to protected storage. */
  public String encode() {
    byte[] seed = key.seed();
    byte[] raw = new byte[1 + seed.length];
    raw[0] = KeyType.ED25519.id();
    System.arraycopy(seed, 0, raw, 1, seed.length);
    return PREFIX + name() + "+" + KeyName.hex(keyId()) + "+" + Base64Codec.encode(raw);
  }

  public VerifierKey verifierKey() {
    return verifierKey;
  }

  public Ed25519PrivateKey privateKey() {
    return key;
  }

  @Override
  public String name() {
    return verifierKey.name();
  }

  @Override
  public int keyId() {
    return verifierKey.keyId();
  }

  @Override
  public byte[] sign(byte[] text) {
    return key.sign(text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignerKey s && s.verifierKey.equals(verifierKey) && s.key.equals(key);
  }

  @Override
  public int hashCode() {
    return verifierKey.hashCode();
  }

  @Override
  public String toString() {
    return "SignerKey[" + verifierKey.encode() + "]";
  }
}
