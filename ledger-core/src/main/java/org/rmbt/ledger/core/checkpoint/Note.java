package org.rmbt.ledger.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * A C2SP signed note (c2sp.org/signed-note): text ending in a newline, a blank line, then one or
 * more signature lines. A {@code Note} that exists is well formed; its signatures are not yet
 * checked — {@link #open} does that. {@code encode(parse(b))} gives {@code b} back.
 */
public record Note(String text, List<NoteSignature> signatures) {
  /** Go's sumdb/note limit; signed-note §Format demands we accept at least 16. */
  public static final int MAX_SIGNATURES = 100;

  /** Room for 100 Ed25519 lines or 16+ post-quantum ones; bounds the work a hostile note costs. */
  public static final int MAX_BYTES = 256 * 1024;

  public Note {
    String problem = textProblem(text);
    if (problem != null) {
      throw new IllegalArgumentException("note.text: " + problem);
    }
    signatures = List.copyOf(signatures);
    if (signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException("more than " + MAX_SIGNATURES + " signatures");
    }
  }

  /** A note of {@code text} carrying {@code signatures}, for text from outside. */
  public static Note of(String text, List<NoteSignature> signatures) throws MalformedException {
    String problem = textProblem(text);
    if (problem != null) {
      throw new MalformedException("note.text", problem);
    }
    if (signatures.size() > MAX_SIGNATURES) {
      throw new MalformedException("note.signature", "more than " + MAX_SIGNATURES);
    }
    return new Note(text, signatures);
  }

  /** Strict parse of a signed note; it may have no signature by any key the reader knows. */
  public static Note parse(byte[] message) throws MalformedException {
    if (message.length > MAX_BYTES) {
      throw new MalformedException("note", "longer than " + MAX_BYTES + " bytes");
    }
    String msg = decodeUtf8(message);
    int bad = controlCharacter(msg);
    if (bad >= 0) {
      throw new MalformedException("note", "control character at offset " + bad);
    }
    // signed-note §Format: the text is separated from the signatures by the last empty line.
    int split = msg.lastIndexOf("\n\n");
    if (split < 0) {
      throw new MalformedException("note", "no blank line before the signatures");
    }
    return new Note(msg.substring(0, split + 1), parseSignatures(msg.substring(split + 2)));
  }

  private static List<NoteSignature> parseSignatures(String block) throws MalformedException {
    if (block.isEmpty()) {
      throw new MalformedException("note.signature", "no signature lines");
    }
    List<NoteSignature> sigs = new ArrayList<>();
    int start = 0;
    while (start < block.length()) {
      String field = "note.signature[" + sigs.size() + "]";
      if (sigs.size() == MAX_SIGNATURES) {
        throw new MalformedException(field, "more than " + MAX_SIGNATURES + " signatures");
      }
      int end = block.indexOf('\n', start);
      if (end < 0) {
        throw new MalformedException(field, "not newline-terminated");
      }
      sigs.add(parseLine(field, block.substring(start, end)));
      start = end + 1;
    }
    return sigs;
  }

  private static NoteSignature parseLine(String field, String line) throws MalformedException {
    if (!line.startsWith(NoteSignature.PREFIX)) {
      throw new MalformedException(field, "must start with an em dash and a space");
    }
    String rest = line.substring(NoteSignature.PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new MalformedException(field, "want a key name, a space and a signature");
    }
    return NoteSignature.decode(field, rest.substring(0, space), rest.substring(space + 1));
  }

  public byte[] encode() {
    StringBuilder sb = new StringBuilder(text).append('\n');
    for (NoteSignature s : signatures) {
      sb.append(s.line());
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The note with {@code added} after the existing signatures; an existing signature by the same
   * (name, key ID) is replaced (golang.org/x/mod/sumdb/note {@code Sign}).
   */
  public Note withSignatures(List<NoteSignature> added) throws MalformedException {
    List<NoteSignature> out = new ArrayList<>();
    for (NoteSignature s : signatures) {
      if (added.stream().noneMatch(s::sameKey)) {
        out.add(s);
      }
    }
    out.addAll(added);
    Note note = of(text, out);
    if (note.encode().length > MAX_BYTES) {
      throw new MalformedException("note", "signed note would exceed " + MAX_BYTES + " bytes");
    }
    return note;
  }

  /** Signs the text with each signer, keeping existing signatures as {@link #withSignatures}. */
  public Note sign(List<? extends NoteSigner> signers) throws MalformedException {
    byte[] msg = text.getBytes(StandardCharsets.UTF_8);
    List<NoteSignature> added = new ArrayList<>();
    for (NoteSigner s : signers) {
      added.add(new NoteSignature(s.name(), s.keyId(), s.sign(msg)));
    }
    return withSignatures(added);
  }

  /**
   * Checks the signatures against {@code keyring} (signed-note §Signatures): unknown keys are kept
   * as unverified, a known key with a bad signature rejects the note, and so does a note without
   * any verified signature.
   */
  public VerifiedNote open(Keyring keyring)
      throws NoteSignatureException, UnknownKeyException, AmbiguousKeyException {
    byte[] msg = text.getBytes(StandardCharsets.UTF_8);
    List<NoteSignature> verified = new ArrayList<>();
    List<NoteSignature> unverified = new ArrayList<>();
    Set<NoteSignature> seen = new HashSet<>();
    for (NoteSignature sig : signatures) {
      var key = keyring.lookup(sig.name(), sig.keyId());
      if (key.isEmpty()) {
        if (seen.add(sig)) {
          unverified.add(sig);
        }
        continue;
      }
      // Every line by a known key is checked, repeated or not, so no bad line slips through.
      if (!key.get().verify(msg, sig.signature())) {
        throw new NoteSignatureException(sig.name(), sig.keyId());
      }
      if (verified.stream().noneMatch(sig::sameKey)) {
        verified.add(sig);
      }
    }
    if (verified.isEmpty()) {
      throw new UnknownKeyException("note has no verifiable signatures", unverified);
    }
    return new VerifiedNote(this, verified, unverified);
  }

  /** {@link #parse} then {@link #open}. */
  public static VerifiedNote open(byte[] message, Keyring keyring)
      throws MalformedException,
          NoteSignatureException,
          UnknownKeyException,
          AmbiguousKeyException {
    return parse(message).open(keyring);
  }

  private static String decodeUtf8(byte[] message) throws MalformedException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(message))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedException("note", "not valid UTF-8", e);
    }
  }

  /** signed-note §Format: no ASCII control characters but newline. Index of the first, or -1. */
  private static int controlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < 0x20 && s.charAt(i) != '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Why {@code text} cannot be a note text, or null if it can. */
  private static String textProblem(String text) {
    if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
      return "must end with a newline";
    }
    if (controlCharacter(text) >= 0) {
      return "control character at offset " + controlCharacter(text);
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
      return "not valid Unicode (unpaired surrogate)";
    }
    return null;
  }
}
