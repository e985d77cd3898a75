package org.rmbt.ledger.core.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.merkle.HashReader;
import org.rmbt.ledger.core.merkle.Integration;
import org.rmbt.ledger.core.merkle.MerkleTree;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.proto.LedgerEntry;
import org.rmbt.ledger.proto.SubjectLink;

/**
 * Stages batches in log order: finds duplicates, admits by the policy, assigns indexes, links
 * subjects, builds the entries and integrates them into the tree. Runs on the sequencer thread
 * while the writer thread writes the batch before (see {@link Sequencer}).
 *
 * <p>That batch may not be in the store yet, so everything it adds is read from it first: its
 * envelope hashes (duplicates), its subjects' last entries, its tree hashes, its admissions. Every
 * batch before it is: the writer takes a batch only after finishing the previous one.
 */
final class BatchStager {
  private final LogStore store;
  private final LongSupplier clock;
  private final EntryPolicy policy;

  /** Size and last leaf hash of the log including every batch staged so far. */
  private long size;

  private Hash lastLeafHash;

  /** How many staged batches may be ahead of the durable store: written, and being synced. */
  static final int IN_FLIGHT = 2;

  /** The latest batches staged with new entries, newest first: at most {@link #IN_FLIGHT}. */
  private final ArrayDeque<StagedWrite> inFlight = new ArrayDeque<>(IN_FLIGHT);

  /** The policy's state after the latest staged batch; null before the first. */
  private EntryPolicy.Staging admission;

  BatchStager(LogStore store, LongSupplier clock, EntryPolicy policy, LogState initial) {
    this.store = store;
    this.clock = clock;
    this.policy = policy;
    this.size = initial.size();
    this.lastLeafHash = initial.lastLeafHash();
  }

  StagedWrite stage(List<Submission> batch) {
    admission = admission == null ? policy.stage() : admission.next();
    StagedBatch s = stageEntries(batch);
    if (s.entries.isEmpty()) {
      return new StagedWrite(batch, s, null, admission);
    }
    Integration in = MerkleTree.integrate(size, s.leafHashes, treeReader());
    StagedWrite staged = new StagedWrite(batch, s, in, admission);
    size = in.size();
    lastLeafHash = s.leafHashes.get(s.leafHashes.size() - 1);
    if (inFlight.size() == IN_FLIGHT) {
      inFlight.removeLast();
    }
    inFlight.addFirst(staged);
    return staged;
  }

  /** The store's tree hashes under those of the batches in flight. */
  private HashReader treeReader() {
    HashReader reader = store;
    for (Iterator<StagedWrite> older = inFlight.descendingIterator(); older.hasNext(); ) {
      reader = new BatchHashReader(reader, older.next().integration().toWrite());
    }
    return reader;
  }

  private StagedBatch stageEntries(List<Submission> batch) {
    StagedBatch s = new StagedBatch(batch.size());
    long integratedAt = clock.getAsLong();
    Hash prev = lastLeafHash;
    List<OptionalLong> logged = lookup(batch);
    for (int i = 0; i < batch.size(); i++) {
      Submission sub = batch.get(i);
      Long inBatch = s.indexByEnvelope.get(sub.envelopeHash());
      OptionalLong found = inBatch != null ? OptionalLong.of(inBatch) : logged.get(i);
      if (found.isPresent()) {
        s.duplicateOf(found.getAsLong());
        continue;
      }
      long index = size + s.entries.size();
      List<String> subjects;
      try {
        subjects = admission.admit(index, sub.envelope(), integratedAt);
      } catch (MalformedException | VerificationException e) {
        s.refuse(e);
        continue;
      }
      byte[] entry =
          EntryCodec.encodeEntry(
              LedgerEntry.newBuilder()
                  .setIndex(index)
                  .setPrevLeafHash(UnsafeByteOperations.unsafeWrap(prev.bytes()))
                  .setIntegratedAt(integratedAt)
                  .addAllSubjectLinks(links(subjects, s))
                  .build(),
              sub.envelopeBytes());
      prev = Hashing.leaf(entry);
      admission.applied(index, prev);
      s.add(index, entry, prev, sub.envelopeHash(), subjects);
    }
    return s;
  }

  /** For each subject, the leaf hash of the previous entry about it: the per-subject chain. */
  private List<SubjectLink> links(List<String> subjects, StagedBatch s) {
    List<SubjectLink> links = new ArrayList<>(subjects.size());
    for (String subject : subjects) {
      Hash prev = lastLeafAbout(subject, s);
      SubjectLink.Builder link = SubjectLink.newBuilder().setSubject(subject);
      if (prev != null) {
        link.setPrevLeafHash(ByteString.copyFrom(prev.bytes()));
      }
      links.add(link.build());
    }
    return links;
  }

  private Hash lastLeafAbout(String subject, StagedBatch s) {
    Hash prev = s.lastLeafAbout.get(subject);
    for (Iterator<StagedWrite> newer = inFlight.iterator(); prev == null && newer.hasNext(); ) {
      prev = newer.next().staged().lastLeafAbout.get(subject);
    }
    if (prev == null) {
      OptionalLong last = store.lastEntryAbout(subject);
      prev = last.isEmpty() ? null : store.leafHash(last.getAsLong());
    }
    return prev;
  }

  /**
   * Which submissions are already logged, in one store call for the batch (one multiGet instead of
   * a get per envelope), then in the batches in flight. Envelope and leaf hashes share the lookup
   * index without colliding: a leaf hash covers 0x00 ‖ entry, and no envelope encoding starts with
   * a zero byte (tag 0 is invalid).
   */
  private List<OptionalLong> lookup(List<Submission> batch) {
    List<Hash> keys = new ArrayList<>(batch.size());
    for (Submission sub : batch) {
      keys.add(sub.envelopeHash());
    }
    List<OptionalLong> found = new ArrayList<>(store.indexesOf(keys));
    for (int i = 0; i < found.size(); i++) {
      OptionalLong at = found.get(i);
      if (at.isPresent() && at.getAsLong() >= size) {
        at = OptionalLong.empty();
      }
      for (Iterator<StagedWrite> it = inFlight.iterator(); at.isEmpty() && it.hasNext(); ) {
        Long index = it.next().staged().indexByEnvelope.get(keys.get(i));
        at = index == null ? at : OptionalLong.of(index);
      }
      found.set(i, at);
    }
    return found;
  }
}
