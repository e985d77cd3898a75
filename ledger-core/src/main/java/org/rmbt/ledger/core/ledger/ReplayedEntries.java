package org.rmbt.ledger.core.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.merkle.StoredHash;
import org.rmbt.ledger.core.store.AppendBatch;
import org.rmbt.ledger.core.store.SubjectPosting;

/** Entries a replica has checked and not yet written: the lists one {@link AppendBatch} needs. */
final class ReplayedEntries {
  private final long firstIndex;
  private final List<byte[]> entries = new ArrayList<>();
  final List<Hash> leafHashes = new ArrayList<>();
  private final List<Hash> envelopeHashes = new ArrayList<>();
  private final List<SubjectPosting> postings = new ArrayList<>();
  private final Map<String, Hash> lastLeafAbout = new HashMap<>();

  ReplayedEntries(long firstIndex) {
    this.firstIndex = firstIndex;
  }

  void add(byte[] entry, Hash leaf, Hash envelopeHash, List<String> subjects) {
    long index = firstIndex + entries.size();
    entries.add(entry);
    leafHashes.add(leaf);
    envelopeHashes.add(envelopeHash);
    for (String s : subjects) {
      postings.add(new SubjectPosting(s, index));
      lastLeafAbout.put(s, leaf);
    }
  }

  /** Leaf hash of the latest pending entry about {@code subject}, or null. */
  Hash lastLeafAbout(String subject) {
    return lastLeafAbout.get(subject);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  AppendBatch toBatch(List<StoredHash> treeHashes) {
    return new AppendBatch(firstIndex, entries, leafHashes, envelopeHashes, treeHashes, postings);
  }
}
