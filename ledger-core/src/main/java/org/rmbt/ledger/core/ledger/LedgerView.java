package org.rmbt.ledger.core.ledger;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.store.CheckpointStore;
import org.rmbt.ledger.core.store.LogReader;
import org.rmbt.ledger.core.store.SubjectIndex;

/**
 * Read side of an open ledger. Serves only what the latest signed checkpoint covers, so a reader
 * never sees an entry that no checkpoint commits to.
 */
public final class LedgerView {
  private final LogReader log;
  private final CheckpointStore checkpoints;
  private final SubjectIndex subjects;
  private final String origin;
  private final VerifierKey logKey;
  private final Supplier<LogState> state;

  <S extends LogReader & CheckpointStore & SubjectIndex> LedgerView(
      S store, LogSigner signer, Supplier<LogState> state) {
    this(store, signer.origin(), signer.verifierKey(), state);
  }

  /** A view for a node without the log's private key (a replica opens stored notes with this). */
  <S extends LogReader & CheckpointStore & SubjectIndex> LedgerView(
      S store, String origin, VerifierKey logKey, Supplier<LogState> state) {
    this.log = store;
    this.checkpoints = store;
    this.subjects = store;
    this.origin = origin;
    this.logKey = logKey;
    this.state = state;
  }

  /**
   * @throws NoCheckpointYetException on a replica that has not verified a checkpoint yet
   */
  public SignedCheckpoint latestCheckpoint() {
    SignedCheckpoint cp = state.get().checkpoint();
    if (cp == null) {
      throw new NoCheckpointYetException();
    }
    return cp;
  }

  /**
   * The checkpoint signed at exactly {@code size}, if the log signed one there and published it (a
   * failed batch may have stored one that was never published).
   */
  public Optional<SignedCheckpoint> checkpoint(long size) {
    if (size > latestCheckpoint().checkpoint().size()) {
      return Optional.empty();
    }
    return checkpoints.checkpoint(size).map(c -> openStored(c.note()));
  }

  public List<byte[]> entries(long from, int count) throws MalformedException {
    checkRange(from, count);
    return log.readEntries(from, count);
  }

  /**
   * {@link LogReader#scanEntries} over entries the latest checkpoint covers: one read for a long
   * run, each entry handed over in a reused buffer.
   */
  public void scanEntries(long from, int count, LogReader.EntryVisitor visitor)
      throws MalformedException {
    checkRange(from, count);
    log.scanEntries(from, count, visitor);
  }

  private void checkRange(long from, int count) throws MalformedException {
    long size = latestCheckpoint().checkpoint().size();
    if (from < 0 || count < 0 || from > size || count > size - from) {
      throw new MalformedException(
          "range", "[" + from + ", +" + count + ") is outside the log of size " + size);
    }
  }

  /** The index of the entry with this leaf hash or envelope hash, if the checkpoint covers it. */
  public OptionalLong indexOf(Hash leafOrEnvelopeHash) {
    OptionalLong i = log.indexOf(leafOrEnvelopeHash);
    return i.isPresent() && i.getAsLong() < latestCheckpoint().checkpoint().size()
        ? i
        : OptionalLong.empty();
  }

  /**
   * Indexes of the entries about {@code subject} (e.g. {@code model:<id>}, {@code cert:<id>}) that
   * the latest checkpoint covers, in log order, from {@code fromIndex}, at most {@code limit}.
   */
  public List<Long> entriesAbout(String subject, long fromIndex, int limit) {
    long size = latestCheckpoint().checkpoint().size();
    return subjects.entriesAbout(subject, fromIndex, limit).stream().filter(i -> i < size).toList();
  }

  public List<Hash> inclusionProof(long index, long size) throws MalformedException {
    requireSize("size", size);
    if (index < 0 || index >= size) {
      throw new MalformedException("index", index + " is not below tree size " + size);
    }
    return Proofs.inclusion(index, size, log);
  }

  public List<Hash> consistencyProof(long size1, long size2) throws MalformedException {
    requireSize("size2", size2);
    if (size1 < 1 || size1 > size2) {
      throw new MalformedException("size1", "must be in [1, " + size2 + "], got " + size1);
    }
    return Proofs.consistency(size1, size2, log);
  }

  private void requireSize(String field, long size) throws MalformedException {
    long latest = latestCheckpoint().checkpoint().size();
    if (size < 1 || size > latest) {
      throw new MalformedException(field, "must be in [1, " + latest + "], got " + size);
    }
  }

  private SignedCheckpoint openStored(byte[] note) {
    try {
      return SignedCheckpoint.open(note, origin, logKey);
    } catch (MalformedException | VerificationException e) {
      throw new LogIntegrityException("stored checkpoint does not open: " + e.getMessage(), e);
    }
  }
}
