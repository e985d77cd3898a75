package org.rmbt.ledger.core.ledger;

import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.proto.LedgerEntry;

/**
 * One entry received by a replica, with the checks that need no log order already made: strict
 * decoding, the envelope's signatures against the keys known when it was checked, and its leaf and
 * envelope hashes. Made only by {@link ReplicaLog#check} (there is no other way to claim an entry
 * passed), on any thread; {@link ReplicaLog#append} makes the ordered checks with it.
 */
public final class CheckedEntry {
  private final byte[] bytes;
  private final LedgerEntry decoded;
  private final String malformed;
  private final Exception signatures;
  private final Hash leafHash;
  private final Hash envelopeHash;

  private CheckedEntry(
      byte[] bytes,
      LedgerEntry decoded,
      String malformed,
      Exception signatures,
      Hash leafHash,
      Hash envelopeHash) {
    this.bytes = bytes;
    this.decoded = decoded;
    this.malformed = malformed;
    this.signatures = signatures;
    this.leafHash = leafHash;
    this.envelopeHash = envelopeHash;
  }

  /** Decodes {@code bytes} strictly and verifies its signatures with {@code policy}. */
  static CheckedEntry check(byte[] bytes, EntryPolicy policy) {
    LedgerEntry entry;
    try {
      entry = EntryCodec.decodeEntry(bytes);
    } catch (MalformedException e) {
      return new CheckedEntry(bytes, null, "does not decode: " + e.getMessage(), null, null, null);
    }
    Exception failed = null;
    try {
      policy.verifySignatures(entry.getEnvelope());
    } catch (MalformedException | VerificationException e) {
      failed = e;
    }
    Hash envelope = EntryCodec.envelopeHash(entry, bytes);
    return new CheckedEntry(bytes, entry, null, failed, Hashing.leaf(bytes), envelope);
  }

  /** Checks each of {@code entries}, in order, on the calling thread. */
  static List<CheckedEntry> checkAll(List<byte[]> entries, EntryPolicy policy) {
    return entries.stream().map(e -> check(e, policy)).toList();
  }

  /** The exact bytes received: what is stored and hashed. */
  byte[] bytes() {
    return bytes;
  }

  /** Why the bytes are not a canonical entry, or null if they decoded. */
  String malformed() {
    return malformed;
  }

  LedgerEntry decoded() {
    return decoded;
  }

  /** Whether every signature verified against the keys known when it was checked. */
  boolean signaturesVerified() {
    return signatures == null;
  }

  Hash leafHash() {
    return leafHash;
  }

  Hash envelopeHash() {
    return envelopeHash;
  }
}
