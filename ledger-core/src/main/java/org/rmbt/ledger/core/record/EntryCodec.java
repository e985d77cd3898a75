package org.rmbt.ledger.core.record;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.LedgerEntry;
import org.rmbt.ledger.proto.Signature;
import org.rmbt.ledger.proto.SubjectLink;

/**
 * Strict decoding of envelopes and log entries. Canonical or nothing: bytes are parsed,
 * re-serialized and compared, and unknown fields are refused, so one message has exactly one
 * accepted byte string and a leaf hash names one meaning.
 */
public final class EntryCodec {
  public static final int MAX_PAYLOAD_BYTES = 1 << 20;
  public static final int MAX_SIGNATURES = 16;
  public static final int MAX_SUBJECT_LINKS = 64;
  private static final Pattern PAYLOAD_TYPE = Pattern.compile("[\\x21-\\x7e]{1,128}");
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{64}");
  private static final int SIGNATURE_BYTES = 64;

  private EntryCodec() {}

  public static Envelope decodeEnvelope(byte[] bytes) throws MalformedException {
    Envelope env =
        StrictProto.parse("envelope", Envelope.parser(), bytes, EntryCodec::hasUnknownFields);
    checkEnvelope("envelope", env);
    return env;
  }

  public static LedgerEntry decodeEntry(byte[] bytes) throws MalformedException {
    LedgerEntry entry =
        StrictProto.parse("entry", LedgerEntry.parser(), bytes, EntryCodec::hasUnknownFields);
    Hash.decode("entry.prev_leaf_hash", entry.getPrevLeafHash().toByteArray());
    if (entry.getIndex() < 0) {
      throw new MalformedException("entry.index", "out of range");
    }
    if (entry.getSubjectLinksCount() > MAX_SUBJECT_LINKS) {
      throw new MalformedException("entry.subject_links", "more than " + MAX_SUBJECT_LINKS);
    }
    for (int i = 0; i < entry.getSubjectLinksCount(); i++) {
      checkLink("entry.subject_links[" + i + "]", entry.getSubjectLinks(i));
    }
    if (!entry.hasEnvelope()) {
      throw new MalformedException("entry.envelope", "missing");
    }
    checkEnvelope("entry.envelope", entry.getEnvelope());
    return entry;
  }

  /**
   * The canonical encoding of {@code head} with the envelope whose canonical encoding is {@code
   * envelope}: the envelope is the entry's last field, so its bytes follow the others as they are,
   * where setting the message and encoding the entry would encode the envelope again.
   *
   * @throws IllegalArgumentException if {@code head} already has an envelope
   */
  public static byte[] encodeEntry(LedgerEntry head, byte[] envelope) {
    if (head.hasEnvelope()) {
      throw new IllegalArgumentException("the head of an entry must not carry an envelope");
    }
    int headSize = head.getSerializedSize();
    byte[] out =
        new byte
            [headSize
                + CodedOutputStream.computeTagSize(LedgerEntry.ENVELOPE_FIELD_NUMBER)
                + CodedOutputStream.computeUInt32SizeNoTag(envelope.length)
                + envelope.length];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      head.writeTo(cos);
      cos.writeByteArray(LedgerEntry.ENVELOPE_FIELD_NUMBER, envelope);
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("encoding into an array of the computed size", e);
    }
    return out;
  }

  /**
   * The envelope hash (SHA-256 of the envelope's canonical encoding) of an entry {@link
   * #decodeEntry} accepted from {@code bytes}: those are canonical and the envelope is the last
   * field, so its encoding is their last bytes, and need not be made again.
   */
  public static Hash envelopeHash(LedgerEntry decoded, byte[] bytes) {
    int length = decoded.getEnvelope().getSerializedSize();
    return Hashing.sha256(bytes, bytes.length - length, length);
  }

  /** The two fields at the front of an entry that link it into the hash chain. */
  public record ChainLink(long index, Hash prevLeafHash) {}

  private static final int INDEX_TAG = 1 << 3; // field 1, varint
  private static final int PREV_TAG = (2 << 3) | 2; // field 2, length-delimited
  private static final int MAX_INDEX_VARINT = 9; // 63 bits: a non-negative index

  /**
   * Reads only {@code index} and {@code prev_leaf_hash} from the front of an entry, for hash-only
   * log verification: a full {@link #decodeEntry} costs ~3 µs, the leaf hash a fraction of that.
   * Exact, not lenient: demands the one layout the canonical encoding has — field 1 as a canonical
   * varint (absent when 0, as proto3 writes it), then field 2 with length 32 — and refuses any
   * other bytes. It checks nothing after that prefix; only the leaf hash covers the rest. On every
   * entry {@link #decodeEntry} accepts it returns the same two values (property-tested).
   */
  public static ChainLink readChainLink(byte[] bytes) throws MalformedException {
    return readChainLink(bytes, bytes.length);
  }

  /** {@link #readChainLink(byte[])} of the first {@code length} bytes of {@code bytes}. */
  public static ChainLink readChainLink(byte[] bytes, int length) throws MalformedException {
    int pos = 0;
    long index = 0;
    if (length > 0 && bytes[0] == INDEX_TAG) {
      pos = 1;
      int shift = 0;
      int b;
      do {
        if (pos >= length || shift == 7 * MAX_INDEX_VARINT) {
          throw new MalformedException("entry.index", "not a canonical non-negative varint");
        }
        b = bytes[pos++] & 0xff;
        index |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      // A last byte of 0 is a padded varint; a zero index is written by omitting the field.
      if (b == 0) {
        throw new MalformedException("entry.index", "not a canonical non-negative varint");
      }
    }
    if (length - pos < 2 + Hash.SIZE || bytes[pos] != PREV_TAG || bytes[pos + 1] != Hash.SIZE) {
      throw new MalformedException("entry.prev_leaf_hash", "not 32 bytes right after the index");
    }
    return new ChainLink(index, new Hash(Arrays.copyOfRange(bytes, pos + 2, pos + 2 + Hash.SIZE)));
  }

  /** The previous-leaf hash an entry carries, already checked by {@link #decodeEntry}. */
  public static Hash prevLeafHash(LedgerEntry entry) {
    return new Hash(entry.getPrevLeafHash().toByteArray());
  }

  private static void checkEnvelope(String field, Envelope env) throws MalformedException {
    if (!PAYLOAD_TYPE.matcher(env.getPayloadType()).matches()) {
      throw new MalformedException(
          field + ".payload_type", "must be 1 to 128 printable ASCII characters");
    }
    if (env.getPayload().size() > MAX_PAYLOAD_BYTES) {
      throw new MalformedException(field + ".payload", "larger than " + MAX_PAYLOAD_BYTES);
    }
    int n = env.getSignaturesCount();
    if (n == 0 || n > MAX_SIGNATURES) {
      throw new MalformedException(
          field + ".signatures", "must hold 1 to " + MAX_SIGNATURES + ", got " + n);
    }
    for (int i = 0; i < n; i++) {
      Signature s = env.getSignatures(i);
      String f = field + ".signatures[" + i + "]";
      if (!KEY_ID.matcher(s.getKeyid()).matches()) {
        throw new MalformedException(f + ".keyid", "must be 64 lowercase hex digits");
      }
      if (s.getSig().size() != SIGNATURE_BYTES) {
        throw new MalformedException(f + ".sig", "must be 64 bytes, got " + s.getSig().size());
      }
    }
  }

  private static void checkLink(String field, SubjectLink link) throws MalformedException {
    if (link.getSubject().isEmpty() || link.getSubject().length() > 256) {
      throw new MalformedException(field + ".subject", "must be 1 to 256 characters");
    }
    ByteString prev = link.getPrevLeafHash();
    if (!prev.isEmpty()) {
      Hash.decode(field + ".prev_leaf_hash", prev.toByteArray());
    }
  }

  /**
   * Walks the message tree by type rather than by reflection ({@code getAllFields} builds a sorted
   * map per message, the largest cost of decoding an entry). {@link #MESSAGE_FIELDS} lists every
   * message-typed field this walk follows; a test holds it equal to the schema, so a new nested
   * message cannot slip past unchecked.
   */
  private static boolean hasUnknownFields(Message msg) {
    if (msg instanceof LedgerEntry e) {
      return unknown(e)
          || e.getSubjectLinksList().stream().anyMatch(EntryCodec::unknown)
          || (e.hasEnvelope() && hasUnknownFields(e.getEnvelope()));
    }
    if (msg instanceof Envelope env) {
      return unknown(env) || env.getSignaturesList().stream().anyMatch(EntryCodec::unknown);
    }
    throw new IllegalArgumentException("no unknown-field walk for " + msg.getClass());
  }

  private static boolean unknown(Message msg) {
    return !msg.getUnknownFields().asMap().isEmpty();
  }

  /** Message-typed fields, as "Type.field", that {@link #hasUnknownFields} descends into. */
  static final List<String> MESSAGE_FIELDS =
      List.of("LedgerEntry.subject_links", "LedgerEntry.envelope", "Envelope.signatures");
}
