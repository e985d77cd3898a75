package org.rmbt.ledger.core.store;

/** What a subject id may be; the RocksDB key layout relies on it holding no NUL. */
public final class Subjects {
  public static final int MAX_LENGTH = 256;

  private Subjects() {}

  public static boolean isValid(String subject) {
    if (subject.isEmpty() || subject.length() > MAX_LENGTH) {
      return false;
    }
    return subject.chars().noneMatch(Character::isISOControl);
  }
}
