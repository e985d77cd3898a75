package org.rmbt.ledger.core.ledger;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.merkle.HashReader;
import org.rmbt.ledger.core.merkle.Integration;
import org.rmbt.ledger.core.merkle.MerkleTree;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.merkle.StoredHashes;
import org.rmbt.ledger.core.store.AppendBatch;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.StoredCheckpoint;
import org.rmbt.ledger.proto.LedgerEntry;

/**
 * One batch, split at its crash points: stage (assign indexes, build entries) → commit (one synced
 * write of entries and tree hashes) → publish (sign and store a checkpoint over durable state) →
 * answer. Runs only on the sequencer thread.
 */
final class BatchCommitter {
  private final LogStore store;
  private final LogSigner signer;
  private final LongSupplier clock;

  BatchCommitter(LogStore store, LogSigner signer, LongSupplier clock) {
    this.store = store;
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * Commits {@code batch} on top of {@code state}, hands the new state to {@code publish} so that
   * readers see it, then answers every caller: an answered caller always finds its entry.
   */
  LogState commit(List<Submission> batch, LogState state, Consumer<LogState> publish) {
    Staged staged = stage(batch, state);
    LogState next = state;
    HashReader reader = store;
    if (!staged.entries.isEmpty()) {
      Integration in = MerkleTree.integrate(state.size(), staged.leafHashes, store);
      store.append(
          new AppendBatch(
              state.size(),
              staged.entries,
              staged.leafHashes,
              staged.envelopeHashes,
              in.toWrite()));
      // crash here: reopen finds the batch with no checkpoint over it and signs one
      SignedCheckpoint cp = signer.sign(in.size(), in.root());
      store.putCheckpoint(new StoredCheckpoint(in.size(), cp.note()), state.size());
      // crash here: all durable, nobody answered; a retry is answered as a duplicate
      next = new LogState(in.size(), staged.leafHashes.get(staged.leafHashes.size() - 1), cp);
      reader = new BatchHashReader(store, in.toWrite());
      publish.accept(next);
    }
    answer(batch, staged, next, reader);
    return next;
  }

  private Staged stage(List<Submission> batch, LogState state) {
    Staged s = new Staged(batch.size());
    long integratedAt = clock.getAsLong();
    Hash prev = state.lastLeafHash();
    for (Submission sub : batch) {
      Long inBatch = s.indexByEnvelope.get(sub.envelopeHash());
      // Envelope and leaf hashes share the lookup index without colliding: a leaf hash covers
      // 0x00 ‖ entry, and no envelope encoding starts with a zero byte (tag 0 is invalid).
      OptionalLong logged = inBatch != null ? OptionalLong.of(inBatch) : lookup(sub, state);
      if (logged.isPresent()) {
        s.indexes.add(logged.getAsLong());
        s.duplicate.add(true);
        continue;
      }
      long index = state.size() + s.entries.size();
      byte[] entry =
          LedgerEntry.newBuilder()
              .setIndex(index)
              .setPrevLeafHash(ByteString.copyFrom(prev.bytes()))
              .setIntegratedAt(integratedAt)
              .setEnvelope(sub.envelope())
              .build()
              .toByteArray();
      prev = Hashing.leaf(entry);
      s.add(index, entry, prev, sub.envelopeHash());
    }
    return s;
  }

  private OptionalLong lookup(Submission sub, LogState state) {
    OptionalLong i = store.indexOf(sub.envelopeHash());
    return i.isPresent() && i.getAsLong() < state.size() ? i : OptionalLong.empty();
  }

  private void answer(List<Submission> batch, Staged staged, LogState state, HashReader reader) {
    long size = state.size();
    long[] leafIndexes = new long[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      leafIndexes[i] = StoredHashes.storedHashIndex(0, staged.indexes.get(i));
    }
    List<Hash> leaves = reader.readHashes(leafIndexes);
    for (int i = 0; i < batch.size(); i++) {
      long index = staged.indexes.get(i);
      List<Hash> proof = Proofs.inclusion(index, size, reader);
      batch
          .get(i)
          .result()
          .complete(
              new AppendResult(
                  index, leaves.get(i), staged.duplicate.get(i), state.checkpoint(), proof));
    }
  }

  /** A batch after staging: the new entries, and for every submission its index. */
  private static final class Staged {
    final List<byte[]> entries = new ArrayList<>();
    final List<Hash> leafHashes = new ArrayList<>();
    final List<Hash> envelopeHashes = new ArrayList<>();
    final Map<Hash, Long> indexByEnvelope = new HashMap<>();
    final List<Long> indexes;
    final List<Boolean> duplicate;

    Staged(int submissions) {
      indexes = new ArrayList<>(submissions);
      duplicate = new ArrayList<>(submissions);
    }

    void add(long index, byte[] entry, Hash leaf, Hash envelopeHash) {
      entries.add(entry);
      leafHashes.add(leaf);
      envelopeHashes.add(envelopeHash);
      indexByEnvelope.put(envelopeHash, index);
      indexes.add(index);
      duplicate.add(false);
    }
  }
}
