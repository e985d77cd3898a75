package org.rmbt.ledger.core.store;

import java.util.Arrays;

/** A signed checkpoint note (with any cosignatures) as stored, keyed by its tree size. */
public record StoredCheckpoint(long size, byte[] note) {
  public StoredCheckpoint {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    note = note.clone();
  }

  @Override
  public byte[] note() {
    return note.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredCheckpoint c && c.size == size && Arrays.equals(c.note, note);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size) * 31 + Arrays.hashCode(note);
  }

  @Override
  public String toString() {
    return "StoredCheckpoint[size=" + size + ", " + note.length + " bytes]";
  }
}
