package org.rmbt.ledger.core.checkpoint;

/**
 * Something that can add a signature line to a note: a log key ({@link SignerKey}) or a witness at
 * a chosen time ({@link Cosigner#at(long)}).
 *
 * <p>Implementations must return a valid key name (signed-note §Format) and the key ID their
 * verifier key carries, and {@link #sign} must return the signature bytes that follow the key ID in
 * the signature line.
 */
public interface NoteSigner {
  String name();

  int keyId();

  /** Signs the note text (UTF-8, including its final newline, without the blank line). */
  byte[] sign(byte[] text);
}
