package org.rmbt.ledger.core.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.rmbt.ledger.core.hash.Base64Codec;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * One signature line of a note, {@code — <name> base64(keyID ‖ signature)} (signed-note §Format).
 * {@code signature} is what follows the 4-byte key ID: 64 bytes for Ed25519, 72 for {@code
 * cosignature/v1}; other types from other signers are carried as opaque bytes.
 */
public record NoteSignature(String name, int keyId, byte[] signature) {
  /** U+2014 EM DASH and a space start every signature line. */
  static final String PREFIX = "\u2014 ";

  public NoteSignature {
    if (!KeyName.isValid(name)) {
      throw new IllegalArgumentException("invalid key name: " + name);
    }
    if (signature.length == 0) {
      throw new IllegalArgumentException("empty signature");
    }
    signature = signature.clone();
  }

  /**
   * Decodes the two fields of a signature line. Like Go's reference parser we demand at least one
   * signature byte after the key ID; the base64 must be canonical.
   */
  public static NoteSignature decode(String field, String name, String base64)
      throws MalformedException {
    KeyName.check(field + ".name", name);
    byte[] raw = Base64Codec.decode(field, base64);
    if (raw.length <= Integer.BYTES) {
      throw new MalformedException(field, "need a 4-byte key ID and a signature");
    }
    int keyId = ByteBuffer.wrap(raw).getInt();
    return new NoteSignature(name, keyId, Arrays.copyOfRange(raw, Integer.BYTES, raw.length));
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** {@code base64(keyID ‖ signature)}, as in the signature line. */
  public String base64() {
    byte[] raw =
        ByteBuffer.allocate(Integer.BYTES + signature.length).putInt(keyId).put(signature).array();
    return Base64Codec.encode(raw);
  }

  /** The full line, newline included. */
  public String line() {
    return PREFIX + name + " " + base64() + "\n";
  }

  /** Same signer: same name and key ID (signed-note §Signatures). */
  boolean sameKey(NoteSignature o) {
    return name.equals(o.name) && keyId == o.keyId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature s
        && name.equals(s.name)
        && keyId == s.keyId
        && Arrays.equals(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + keyId) + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "NoteSignature[" + name + "+" + KeyName.hex(keyId) + "]";
  }
}
