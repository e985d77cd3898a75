package org.rmbt.ledger.core.store;

import java.util.List;
import java.util.OptionalLong;

/**
 * "Everything about this model, certificate or participant", in log order, without scanning the
 * log: the store keeps one posting per (subject, entry index).
 *
 * <p>Implementations: answer from durable postings only, and only for entries below {@link
 * LogReader#size()}; subjects are 1 to 256 characters without control characters.
 */
public interface SubjectIndex {
  /** Indexes of entries about {@code subject}, ascending, from {@code fromIndex}, at most limit. */
  List<Long> entriesAbout(String subject, long fromIndex, int limit);

  /** The index of the latest entry about {@code subject}, if any. */
  OptionalLong lastEntryAbout(String subject);
}
