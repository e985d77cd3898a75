package org.rmbt.ledger.core.verify;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.store.LogReader;
import org.rmbt.ledger.proto.LedgerEntry;

/**
 * Verifies a whole copy of a log against a signed checkpoint the caller already opened with the
 * log's key: checks every entry's index and hash-chain link, re-hashes it, and compares the
 * recomputed root with the checkpoint's. Trusts nothing the store computed. Per-entry work runs on
 * every core ({@link ParallelEntryCheck}), slices of entries linked in order.
 */
public final class LogVerifier {
  private static final int CHUNK = 4096;

  /**
   * Chunks being checked while this thread folds one: with one, the cores idled whenever the fold
   * or a chunk's slowest slice lagged (hash-only, 300,000 entries: 600-690k/s with one, 750-960k/s
   * with 2-4, quiet machine).
   */
  private static final int CHUNKS_AHEAD = 4;

  /** How much of each entry is checked besides its leaf hash, chain link and index. */
  public enum Mode {
    /** Every entry strictly decoded: canonical, no unknown fields, every envelope rule. */
    FULL,
    /**
     * Only the exact index and prev_leaf_hash prefix is read ({@link EntryCodec#readChainLink});
     * the rest of each entry is checked only through its leaf hash, i.e. that these are the bytes
     * the checkpoint signs. Several times faster than {@link #FULL}.
     */
    HASH_ONLY
  }

  private LogVerifier() {}

  /** {@link #verify(LogReader, Checkpoint, Mode, LongConsumer)} in {@link Mode#FULL}. */
  public static long verify(LogReader log, Checkpoint checkpoint, LongConsumer progress)
      throws LogVerificationException {
    return verify(log, checkpoint, Mode.FULL, progress);
  }

  /**
   * @param progress told the number of entries verified so far, after each chunk
   * @return the number of entries verified
   */
  public static long verify(LogReader log, Checkpoint checkpoint, Mode mode, LongConsumer progress)
      throws LogVerificationException {
    long size = checkpoint.size();
    if (log.size() < size) {
      throw new LogVerificationException(
          "log holds " + log.size() + " entries, the checkpoint covers " + size);
    }
    RootAccumulator root = new RootAccumulator();
    Hash prev = Hash.ZERO;
    try (ParallelEntryCheck checker = new ParallelEntryCheck(mode)) {
      ArrayDeque<ParallelEntryCheck.Chunk> ahead = new ArrayDeque<>();
      long started = 0;
      for (long from = 0; from < size; from += CHUNK) {
        for (; started < size && started < from + CHUNKS_AHEAD * CHUNK; started += CHUNK) {
          ahead.add(checker.start(log, started, chunkAt(started, size)));
        }
        // In index order, so the first bad entry is the one reported, as a serial pass would.
        for (CheckedSlice slice : ahead.remove().await()) {
          prev = slice.link(prev, root);
        }
        progress.accept(root.size());
      }
    }
    Hash computed = root.root();
    if (!computed.equals(checkpoint.root())) {
      throw new LogVerificationException(
          "recomputed root at size "
              + size
              + " is "
              + computed
              + ", the checkpoint signs "
              + checkpoint.root());
    }
    return size;
  }

  private static int chunkAt(long from, long size) {
    return (int) Math.min(CHUNK, size - from);
  }

  /**
   * Decodes one entry strictly and checks its index and, when {@code prev} is known, its hash-chain
   * link. Returns its leaf hash.
   *
   * @param where names the entry in errors
   * @param prev leaf hash of entry {@code index - 1}, or null if the caller does not have it
   */
  static Hash checkEntry(String where, long index, byte[] bytes, Hash prev)
      throws LogVerificationException {
    Hash[] hashes = decodeAndHash(where, index, bytes);
    if (prev != null && !hashes[1].equals(prev)) {
      throw chainBroken(where, index);
    }
    return hashes[0];
  }

  /**
   * The checks that need no other entry: strict decode and index. Returns {leaf hash, the
   * prev_leaf_hash the entry carries}.
   */
  static Hash[] decodeAndHash(String where, long index, byte[] bytes)
      throws LogVerificationException {
    LedgerEntry entry;
    try {
      entry = EntryCodec.decodeEntry(bytes);
    } catch (MalformedException e) {
      throw new LogVerificationException(where + ": " + e.getMessage(), e);
    }
    if (entry.getIndex() != index) {
      throw new LogVerificationException(where + ": entry carries index " + entry.getIndex());
    }
    return new Hash[] {Hashing.leaf(bytes), EntryCodec.prevLeafHash(entry)};
  }

  /**
   * {@link Mode#HASH_ONLY}: as {@link #decodeAndHash}, reading only the chain-link prefix. Names
   * the entry in an error only when there is one: at ~1 µs an entry, building the text for every
   * entry was a measurable part of the cost.
   */
  static Hash[] prefixAndHash(long index, byte[] bytes, int length)
      throws LogVerificationException {
    EntryCodec.ChainLink link;
    try {
      link = EntryCodec.readChainLink(bytes, length);
    } catch (MalformedException e) {
      throw new LogVerificationException("entry " + index + ": " + e.getMessage(), e);
    }
    if (link.index() != index) {
      throw new LogVerificationException(
          "entry " + index + ": entry carries index " + link.index());
    }
    return new Hash[] {Hashing.leaf(bytes, length), link.prevLeafHash()};
  }

  static LogVerificationException chainBroken(long index) {
    return chainBroken("entry " + index, index);
  }

  private static LogVerificationException chainBroken(String where, long index) {
    return new LogVerificationException(
        where + ": prev_leaf_hash is not the leaf hash of entry " + (index - 1));
  }
}
