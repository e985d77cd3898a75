package org.rmbt.ledger.core.store;

/** Entry {@code index} is about {@code subject}: one row of the {@link SubjectIndex}. */
public record SubjectPosting(String subject, long index) {
  public SubjectPosting {
    if (!Subjects.isValid(subject)) {
      throw new IllegalArgumentException("subject must be 1 to 256 characters, no controls");
    }
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
  }
}
