package org.rmbt.ledger.core.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;

/**
 * Salted commitments to sensitive documents:
 *
 * <pre>commitment = SHA-256("rmbt-commitment/v1" ‖ 0x00 ‖ salt[32] ‖ SHA-256(content))</pre>
 *
 * <p>A plain digest of a short or guessable document (a name, a score) can be confirmed by hashing
 * guesses; with a secret 32-byte random salt it cannot. Whoever holds content and salt can prove
 * what was committed; destroying the salt (see {@code Erasure}) leaves a value that reveals
 * nothing. The label and separator keep commitments apart from every other SHA-256 in the log.
 */
public final class Commitment {
  public static final int SALT_BYTES = 32;
  private static final byte[] LABEL = "rmbt-commitment/v1\0".getBytes(StandardCharsets.US_ASCII);

  private Commitment() {}

  public static Hash make(byte[] salt, byte[] content) {
    return fromDigest(salt, Hashing.sha256(content));
  }

  /** The commitment when only the document's SHA-256 is at hand. */
  public static Hash fromDigest(byte[] salt, Hash contentDigest) {
    if (salt.length != SALT_BYTES) {
      throw new IllegalArgumentException("salt must be 32 bytes, got " + salt.length);
    }
    return Hashing.sha256(LABEL, salt, contentDigest.bytes());
  }

  /** Whether {@code commitment} commits to {@code content} under {@code salt}; constant time. */
  public static boolean verify(Hash commitment, byte[] salt, byte[] content) {
    if (salt.length != SALT_BYTES) {
      return false;
    }
    return MessageDigest.isEqual(commitment.bytes(), make(salt, content).bytes());
  }
}
