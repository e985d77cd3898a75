package org.rmbt.ledger.core.checkpoint;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * An Ed25519 private key held as its RFC 8032 §5.1.5 32-byte seed, with the public key derived
 * once. Signing is deterministic (RFC 8032 §5.1.6), so equal inputs give equal signatures.
 *
 * <p>Not a record: {@link #toString()} must never show the seed, and reading the seed is named.
 */
public final class Ed25519PrivateKey {
  public static final int SEED_SIZE = Ed25519.SECRET_KEY_SIZE;

  private final byte[] seed;
  private final byte[] publicBytes;
  private final Ed25519PublicKey publicKey;

  private Ed25519PrivateKey(byte[] seed) {
    this.seed = seed.clone();
    this.publicBytes = new byte[Ed25519PublicKey.SIZE];
    Ed25519.generatePublicKey(this.seed, 0, publicBytes, 0);
    this.publicKey = new Ed25519PublicKey(publicBytes);
  }

  /** A key from a 32-byte seed; any 32 bytes are a valid seed. */
  public static Ed25519PrivateKey fromSeed(byte[] seed) {
    if (seed.length != SEED_SIZE) {
      throw new IllegalArgumentException("Ed25519 seed must be 32 bytes, got " + seed.length);
    }
    return new Ed25519PrivateKey(seed);
  }

  /** Decodes a seed from outside (a key file, an skey string). */
  public static Ed25519PrivateKey decodeSeed(String field, byte[] seed) throws MalformedException {
    if (seed.length != SEED_SIZE) {
      throw new MalformedException(field, "Ed25519 seed must be 32 bytes, got " + seed.length);
    }
    return new Ed25519PrivateKey(seed);
  }

  /** A fresh key; randomness is a parameter so the core stays deterministic under test. */
  public static Ed25519PrivateKey generate(SecureRandom random) {
    byte[] seed = new byte[SEED_SIZE];
    random.nextBytes(seed);
    return new Ed25519PrivateKey(seed);
  }

  /** A copy of the secret seed: only for writing the key to protected storage. */
  public byte[] seed() {
    return seed.clone();
  }

  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /** The 64-byte RFC 8032 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    byte[] sig = new byte[Ed25519PublicKey.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, publicBytes, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PrivateKey k && MessageDigest.isEqual(seed, k.seed);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "Ed25519PrivateKey[public=" + publicKey + "]";
  }
}
