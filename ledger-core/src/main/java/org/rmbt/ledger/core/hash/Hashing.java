package org.rmbt.ledger.core.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9162 §2.1.1 hashing with SHA-256: leaf = H(0x00 ‖ d), node = H(0x01 ‖ l ‖ r). */
public final class Hashing {
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(Hashing::newSha256);
  private static final Hash EMPTY_ROOT = sha256(new byte[0]);

  private Hashing() {}

  /** MTH({}) = SHA-256 of the empty string: the root of the empty tree. */
  public static Hash emptyRoot() {
    return EMPTY_ROOT;
  }

  public static Hash leaf(byte[] entry) {
    return leaf(entry, entry.length);
  }

  /** The leaf hash of the first {@code length} bytes of {@code entry}. */
  public static Hash leaf(byte[] entry, int length) {
    MessageDigest md = SHA256.get();
    md.update(LEAF_PREFIX);
    md.update(entry, 0, length);
    return new Hash(md.digest());
  }

  public static Hash node(Hash left, Hash right) {
    byte[] buf = new byte[1 + 2 * Hash.SIZE];
    buf[0] = NODE_PREFIX;
    left.copyTo(buf, 1);
    right.copyTo(buf, 1 + Hash.SIZE);
    return new Hash(SHA256.get().digest(buf));
  }

  /** Plain SHA-256 of the concatenated parts. */
  public static Hash sha256(byte[]... parts) {
    MessageDigest md = SHA256.get();
    for (byte[] p : parts) {
      md.update(p);
    }
    return new Hash(md.digest());
  }

  /** Plain SHA-256 of {@code bytes[offset .. offset + length)}. */
  public static Hash sha256(byte[] bytes, int offset, int length) {
    MessageDigest md = SHA256.get();
    md.update(bytes, offset, length);
    return new Hash(md.digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
