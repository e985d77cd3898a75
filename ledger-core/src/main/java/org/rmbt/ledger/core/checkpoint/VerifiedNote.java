package org.rmbt.ledger.core.checkpoint;

import java.util.List;

/**
 * A note after {@link Note#open}: {@code verified} are the signatures by known keys (each key once,
 * every line checked), {@code unverified} those by keys the keyring does not hold, kept so a caller
 * can pass them on (identical lines once).
 *
 * <p>Not a record: only this package may create one, so holding one means the check was made.
 */
public final class VerifiedNote {
  private final Note note;
  private final List<NoteSignature> verified;
  private final List<NoteSignature> unverified;

  VerifiedNote(Note note, List<NoteSignature> verified, List<NoteSignature> unverified) {
    if (verified.isEmpty()) {
      throw new IllegalArgumentException("a verified note has at least one verified signature");
    }
    this.note = note;
    this.verified = List.copyOf(verified);
    this.unverified = List.copyOf(unverified);
  }

  public Note note() {
    return note;
  }

  public String text() {
    return note.text();
  }

  public List<NoteSignature> verified() {
    return verified;
  }

  public List<NoteSignature> unverified() {
    return unverified;
  }

  @Override
  public String toString() {
    return "VerifiedNote[verified=" + verified + ", unverified=" + unverified + "]";
  }
}
