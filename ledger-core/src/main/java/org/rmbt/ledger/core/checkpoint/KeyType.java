package org.rmbt.ledger.core.checkpoint;

import org.rmbt.ledger.core.hash.MalformedException;

/**
 * The C2SP signed-note signature types this ledger speaks (signed-note §Signature types). The type
 * byte prefixes the public key in a vkey and goes into the key ID hash, so the same Ed25519 key
 * gets different key IDs as a log key and as a witness key.
 */
public enum KeyType {
  /** {@code 0x01}: Ed25519 over the note text (signed-note §Ed25519 signatures). */
  ED25519((byte) 0x01),
  /** {@code 0x04}: timestamped Ed25519 checkpoint cosignature, c2sp.org/tlog-cosignature. */
  COSIGNATURE_V1((byte) 0x04);

  private final byte id;

  KeyType(byte id) {
    this.id = id;
  }

  public byte id() {
    return id;
  }

  static KeyType fromId(String field, byte id) throws MalformedException {
    for (KeyType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    throw new MalformedException(field, String.format("unsupported signature type 0x%02x", id));
  }
}
