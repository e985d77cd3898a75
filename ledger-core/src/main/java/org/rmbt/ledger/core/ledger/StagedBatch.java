package org.rmbt.ledger.core.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.store.SubjectPosting;

/**
 * A batch after staging: the new entries in log order, and for every submission what it gets — its
 * new index, the index of the entry it duplicates, or the reason it was refused.
 */
final class StagedBatch {
  final List<byte[]> entries = new ArrayList<>();
  final List<Hash> leafHashes = new ArrayList<>();
  final List<Hash> envelopeHashes = new ArrayList<>();
  final List<SubjectPosting> postings = new ArrayList<>();
  final Map<Hash, Long> indexByEnvelope = new HashMap<>();

  /** Leaf hash of the latest entry of this batch about each subject. */
  final Map<String, Hash> lastLeafAbout = new HashMap<>();

  /** Per submission, in order: its index (or -1 if refused). */
  final List<Long> indexes;

  final List<Boolean> duplicate;

  /** Per submission: why admission refused it, or null. */
  final List<Exception> refused;

  StagedBatch(int submissions) {
    indexes = new ArrayList<>(submissions);
    duplicate = new ArrayList<>(submissions);
    refused = new ArrayList<>(submissions);
  }

  void add(long index, byte[] entry, Hash leaf, Hash envelopeHash, List<String> subjects) {
    entries.add(entry);
    leafHashes.add(leaf);
    envelopeHashes.add(envelopeHash);
    indexByEnvelope.put(envelopeHash, index);
    for (String s : subjects) {
      postings.add(new SubjectPosting(s, index));
      lastLeafAbout.put(s, leaf);
    }
    outcome(index, false, null);
  }

  void duplicateOf(long index) {
    outcome(index, true, null);
  }

  void refuse(Exception why) {
    outcome(-1, false, why);
  }

  private void outcome(long index, boolean dup, Exception why) {
    indexes.add(index);
    duplicate.add(dup);
    refused.add(why);
  }
}
