package org.rmbt.ledger.core.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.rmbt.ledger.core.checkpoint.Note;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.merkle.MerkleTree;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.merkle.StoredHashes;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.StoredCheckpoint;

/**
 * A replica's copy of another node's log (DESIGN.md, Replicas and witnesses): entries are
 * re-checked by {@link EntryReplayer} and stored byte for byte, the tree is rebuilt here, and a
 * checkpoint signed by the log is accepted only if this tree has its root and it is consistent with
 * every checkpoint accepted before. Readers see only what an accepted checkpoint covers.
 *
 * <p>Not thread-safe for writers: one follower calls {@link #append} and {@link #accept}; {@link
 * #view} may be read from any thread.
 */
public final class ReplicaLog implements AutoCloseable {
  private final LogStore store;
  private final String origin;
  private final VerifierKey logKey;
  private final EntryPolicy policy;
  private final EntryReplayer replayer;
  private final LedgerView view;
  private volatile LogState state;

  private ReplicaLog(
      LogStore store, String origin, VerifierKey logKey, EntryPolicy policy, LogState state) {
    this.store = store;
    this.origin = origin;
    this.logKey = logKey;
    this.policy = policy;
    this.replayer = new EntryReplayer(store, policy);
    this.state = state;
    this.view = new LedgerView(store, origin, logKey, () -> this.state);
  }

  /**
   * Opens the replica's store: its latest checkpoint must open with {@code logKey} and match the
   * stored tree (else {@link LogIntegrityException}); the policy is rebuilt from every stored
   * entry. Entries past the latest checkpoint (a crash before it was accepted) are kept: they
   * passed every check, and following resumes after them.
   */
  public static ReplicaLog open(
      LogStore store, String origin, VerifierKey logKey, EntryPolicy policy) {
    long size = store.size();
    SignedCheckpoint cp = null;
    Optional<StoredCheckpoint> latest = store.latestCheckpoint();
    if (latest.isPresent()) {
      cp = openStored(latest.get().note(), origin, logKey);
      long n = cp.checkpoint().size();
      if (n > size || !MerkleTree.treeHash(n, store).equals(cp.checkpoint().root())) {
        throw new LogIntegrityException("stored tree does not match checkpoint at size " + n);
      }
    }
    if (policy.replaysLog()) {
      new PolicyReplay(store, policy).replay(size);
    }
    Hash last = size == 0 ? Hash.ZERO : store.leafHash(size - 1);
    return new ReplicaLog(store, origin, logKey, policy, new LogState(size, last, cp));
  }

  /** Durable entries, checked; following resumes here. */
  public long size() {
    return state.size();
  }

  /** The latest checkpoint accepted (log signature only, as the log stores it). */
  public Optional<SignedCheckpoint> latestAccepted() {
    return Optional.ofNullable(state.checkpoint());
  }

  /** Reads and proofs over what accepted checkpoints cover. */
  public LedgerView view() {
    return view;
  }

  /**
   * Checks {@code entries} (the next ones after {@link #size()}) and appends them durably: {@link
   * #check} on every core, then {@link #appendChecked}.
   *
   * @throws ForkDetectedException {@link ForkDetectedException.Kind#BAD_ENTRY}; the good entries
   *     before the bad one are kept
   */
  public void append(List<byte[]> entries) throws ForkDetectedException {
    appendChecked(entries.parallelStream().map(this::check).toList());
  }

  /**
   * The checks of one received entry that need no log order: strict decoding, envelope signatures
   * against the keys known now, leaf and envelope hashes. Safe on any thread, at the same time as
   * {@link #appendChecked}: a follower checks later pages on every core while it writes earlier
   * ones. A signature that fails here (its key may be registered by an entry not yet written) is
   * checked again in order by {@link #appendChecked}.
   */
  public CheckedEntry check(byte[] entry) {
    return CheckedEntry.check(entry, policy);
  }

  /**
   * Makes the ordered checks of {@code entries} (the next ones after {@link #size()}): index, hash
   * chain, admission by the policy at each entry's index and time (signer authority, record rules),
   * subject links; then appends their exact bytes in one synced write (more only when a signature
   * must be checked again after a registration), before {@link #size()} moves.
   *
   * @throws ForkDetectedException {@link ForkDetectedException.Kind#BAD_ENTRY}; the good entries
   *     before the bad one are kept
   */
  public void appendChecked(List<CheckedEntry> entries) throws ForkDetectedException {
    replayer.replay(state, entries, s -> state = s);
  }

  /**
   * Accepts a checkpoint note of the log: opens it with the log key, checks it against this tree
   * and every accepted checkpoint, and stores it (synced) before returning it. Only after this
   * returns may a witness cosign it. A note that does not open is the caller's bad input, not a
   * fork: it is not attributable to the log.
   *
   * @throws MalformedException the note is malformed, or covers entries not received yet
   * @throws VerificationException the note is not validly signed by the log key
   * @throws ForkDetectedException the log signed something that contradicts this tree
   */
  public SignedCheckpoint accept(byte[] note)
      throws MalformedException, VerificationException, ForkDetectedException {
    SignedCheckpoint cp = logSignatureOnly(SignedCheckpoint.open(note, origin, logKey));
    LogState s = state;
    long n = cp.checkpoint().size();
    SignedCheckpoint last = s.checkpoint();
    long m = last == null ? -1 : last.checkpoint().size();
    if (n == m) {
      if (!cp.checkpoint().root().equals(last.checkpoint().root())) {
        throw fork(ForkDetectedException.Kind.SAME_SIZE_DIFFERENT_ROOTS, last, cp, "two roots");
      }
      return last;
    }
    if (n < m) {
      boolean consistent = rootAt(n).equals(cp.checkpoint().root());
      throw fork(
          consistent
              ? ForkDetectedException.Kind.ROLLBACK
              : ForkDetectedException.Kind.INCONSISTENT,
          last,
          cp,
          "size " + n + " after accepting size " + m);
    }
    if (n > s.size()) {
      throw new MalformedException("checkpoint.size", n + " covers entries not received");
    }
    if (!rootAt(n).equals(cp.checkpoint().root())) {
      throw fork(ForkDetectedException.Kind.ENTRIES_DO_NOT_MATCH_ROOT, last, cp, "at size " + n);
    }
    store.putCheckpoint(new StoredCheckpoint(n, cp.note()), m);
    // crash here: the checkpoint is durable and was never cosigned; the follower cosigns the
    // same checkpoint again when the primary sends it after a restart.
    state = new LogState(s.size(), s.lastLeafHash(), cp);
    return cp;
  }

  /** This tree's root at {@code size} (at most {@link #size()}). */
  public Hash rootAt(long size) {
    return MerkleTree.treeHash(size, store);
  }

  /** RFC 9162 consistency proof between two sizes of this tree, for evidence. */
  public List<Hash> consistencyProof(long size1, long size2) {
    return Proofs.consistency(size1, size2, store);
  }

  /** Leaf hashes of stored entries {@code [from, to)}, for evidence. */
  public List<Hash> leafHashes(long from, long to) {
    long[] idx = new long[Math.toIntExact(to - from)];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = StoredHashes.storedHashIndex(0, from + i);
    }
    return idx.length == 0 ? List.of() : store.readHashes(idx);
  }

  /**
   * The complete subtrees that make up this tree at {@code size} (RFC 9162 §2.1.1), by stored-hash
   * index: with them a verifier recomputes the root at {@code size} and extends it with more leaves
   * ({@link MerkleTree#integrate}) without the entries.
   */
  public Map<Long, Hash> compactRange(long size) {
    Map<Long, Hash> out = new TreeMap<>();
    long start = 0;
    for (int level = 62; level >= 0; level--) {
      if ((size & (1L << level)) != 0) {
        long idx = StoredHashes.storedHashIndex(level, start >> level);
        out.put(idx, store.readHash(idx));
        start += 1L << level;
      }
    }
    return out;
  }

  @Override
  public void close() {
    store.close();
  }

  private static ForkDetectedException fork(
      ForkDetectedException.Kind kind, SignedCheckpoint last, SignedCheckpoint cp, String why) {
    List<byte[]> notes = new ArrayList<>();
    if (last != null) {
      notes.add(last.note());
    }
    notes.add(cp.note());
    return new ForkDetectedException(kind, why, notes, cp.checkpoint().size(), new byte[0]);
  }

  /**
   * The note with the log's signature only, as the log itself stores it: cosignatures are the
   * primary's to serve, and a replica's stored bytes must equal the primary's for the same size.
   */
  private SignedCheckpoint logSignatureOnly(SignedCheckpoint cp)
      throws MalformedException, VerificationException {
    Note n = cp.verifiedNote().note();
    Note bare =
        Note.of(n.text(), n.signatures().stream().filter(logKey::matches).limit(1).toList());
    return SignedCheckpoint.open(bare.encode(), origin, logKey);
  }

  private static SignedCheckpoint openStored(byte[] note, String origin, VerifierKey logKey) {
    try {
      return SignedCheckpoint.open(note, origin, logKey);
    } catch (MalformedException | VerificationException e) {
      throw new LogIntegrityException("stored checkpoint does not open: " + e.getMessage(), e);
    }
  }
}
