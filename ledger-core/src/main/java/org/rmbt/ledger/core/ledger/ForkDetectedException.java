package org.rmbt.ledger.core.ledger;

import java.util.List;

/**
 * The primary showed a replica something no honest log can: it must stop following and keep the
 * evidence. Carries the signed notes involved (in the order they were received; the last one is the
 * offending one) and, for an entry lie, the offending entry exactly as served.
 */
public final class ForkDetectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The lies a replica detects (issue 6, Fork detection). */
  public enum Kind {
    /** Two checkpoints signed by the log for one size with different roots. */
    SAME_SIZE_DIFFERENT_ROOTS,
    /** A signed checkpoint smaller than one already accepted, root consistent with it. */
    ROLLBACK,
    /** A signed checkpoint whose root is not the root of the accepted tree at its size. */
    INCONSISTENT,
    /** The entries served do not hash to the root the log signed over them. */
    ENTRIES_DO_NOT_MATCH_ROOT,
    /** An entry fails a check: encoding, index, hash chain, subject link, signature or rules. */
    BAD_ENTRY
  }

  private final Kind kind;
  private final transient List<byte[]> notes;
  private final long index;
  private final byte[] entry;

  ForkDetectedException(Kind kind, String reason, List<byte[]> notes, long index, byte[] entry) {
    super(kind + ": " + reason);
    this.kind = kind;
    this.notes = notes.stream().map(byte[]::clone).toList();
    this.index = index;
    this.entry = entry.clone();
  }

  public Kind kind() {
    return kind;
  }

  /** Signed notes, earlier accepted ones first, the offending one last. */
  public List<byte[]> notes() {
    return notes.stream().map(byte[]::clone).toList();
  }

  /** The offending entry's index (a checkpoint lie: the offending checkpoint's size). */
  public long index() {
    return index;
  }

  /** The offending entry's bytes as served; empty for a checkpoint lie. */
  public byte[] entry() {
    return entry.clone();
  }
}
