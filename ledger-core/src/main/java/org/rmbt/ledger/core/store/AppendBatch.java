package org.rmbt.ledger.core.store;

import java.util.List;
import java.util.Optional;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.merkle.StoredHash;

/**
 * Everything one sequencer batch writes, applied atomically: entries {@code firstIndex ..
 * firstIndex + entries.size() - 1}, their leaf and envelope hashes for lookup, the tree hashes the
 * batch adds, the subject postings of its entries, and optionally the checkpoint over the entries
 * stored before it.
 *
 * @param previousCheckpoint a checkpoint of size exactly {@code firstIndex}, to be stored in the
 *     same synced write as the new latest: the sequencer's pipelining, so that under load a batch
 *     costs one sync, and a checkpoint still covers only entries durable before it was signed
 */
public record AppendBatch(
    long firstIndex,
    List<byte[]> entries,
    List<Hash> leafHashes,
    List<Hash> envelopeHashes,
    List<StoredHash> treeHashes,
    List<SubjectPosting> subjects,
    Optional<StoredCheckpoint> previousCheckpoint) {
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
    if (previousCheckpoint.isPresent() && previousCheckpoint.get().size() != firstIndex) {
      throw new IllegalArgumentException(
          "the carried checkpoint must be of size "
              + firstIndex
              + " (the entries before the batch), got "
              + previousCheckpoint.get().size());
    }
    long end = firstIndex + entries.size();
    for (SubjectPosting p : subjects) {
      if (p.index() < firstIndex || p.index() >= end) {
        throw new IllegalArgumentException("posting for entry " + p.index() + " outside the batch");
      }
    }
  }

  /** A batch that carries no checkpoint. */
  public AppendBatch(
      long firstIndex,
      List<byte[]> entries,
      List<Hash> leafHashes,
      List<Hash> envelopeHashes,
      List<StoredHash> treeHashes,
      List<SubjectPosting> subjects) {
    this(firstIndex, entries, leafHashes, envelopeHashes, treeHashes, subjects, Optional.empty());
  }

  /** A batch of entries about no particular subject, carrying no checkpoint. */
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
