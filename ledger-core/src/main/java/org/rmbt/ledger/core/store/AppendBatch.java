package org.rmbt.ledger.core.store;

import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.merkle.StoredHash;

/**
 * Everything one sequencer batch writes, applied atomically: entries {@code firstIndex ..
 * firstIndex + entries.size() - 1}, their leaf and envelope hashes for lookup, the tree hashes the
 * batch adds, and the subject postings of its entries.
 */
public record AppendBatch(
    long firstIndex,
    List<byte[]> entries,
    List<Hash> leafHashes,
    List<Hash> envelopeHashes,
    List<StoredHash> treeHashes,
    List<SubjectPosting> subjects) {
  public AppendBatch {
    if (firstIndex < 0) {
      throw new IllegalArgumentException("firstIndex must be >= 0, got " + firstIndex);
    }
    if (leafHashes.size() != entries.size() || envelopeHashes.size() != entries.size()) {
      throw new IllegalArgumentException("one leaf hash and one envelope hash per entry");
    }
    entries = entries.stream().map(byte[]::clone).toList();
    leafHashes = List.copyOf(leafHashes);
    envelopeHashes = List.copyOf(envelopeHashes);
    treeHashes = List.copyOf(treeHashes);
    subjects = List.copyOf(subjects);
    long end = firstIndex + entries.size();
    for (SubjectPosting p : subjects) {
      if (p.index() < firstIndex || p.index() >= end) {
        throw new IllegalArgumentException("posting for entry " + p.index() + " outside the batch");
      }
    }
  }

  /** A batch of entries about no particular subject. */
  public AppendBatch(
      long firstIndex,
      List<byte[]> entries,
      List<Hash> leafHashes,
      List<Hash> envelopeHashes,
      List<StoredHash> treeHashes) {
    this(firstIndex, entries, leafHashes, envelopeHashes, treeHashes, List.of());
  }

  @Override
  public List<byte[]> entries() {
    return entries.stream().map(byte[]::clone).toList();
  }

  /** The length of entry {@code i} of the batch (0-based). */
  public int entryLength(int i) {
    return entries.get(i).length;
  }

  /**
   * Copies entry {@code i}'s bytes into {@code dst} at {@code offset}: how a store writes them
   * without the copy {@link #entries()} makes of every entry.
   */
  public void copyEntry(int i, byte[] dst, int offset) {
    byte[] e = entries.get(i);
    System.arraycopy(e, 0, dst, offset, e.length);
  }
}
