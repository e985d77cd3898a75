package org.rmbt.ledger.core.ledger;

import java.util.List;
import java.util.Optional;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.merkle.MerkleTree;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.core.store.StoredCheckpoint;
import org.rmbt.ledger.proto.LedgerEntry;

/**
 * Checks, on open, that the tail of the log, the stored tree and the latest checkpoint agree, and
 * finishes a batch that a crash left without its checkpoint. Refuses with {@link
 * LogIntegrityException} rather than serve or sign over a store that disagrees with itself.
 */
final class LogOpener {
  private final LogStore store;
  private final LogSigner signer;

  LogOpener(LogStore store, LogSigner signer) {
    this.store = store;
    this.signer = signer;
  }

  LogState open() {
    long size = store.size();
    Optional<StoredCheckpoint> latest = store.latestCheckpoint();
    if (latest.isEmpty()) {
      if (size != 0) {
        throw new LogIntegrityException(size + " entries stored but no checkpoint");
      }
      SignedCheckpoint empty = signer.sign(0, Hashing.emptyRoot());
      store.putCheckpoint(new StoredCheckpoint(0, empty.note()), -1);
      return new LogState(0, Hash.ZERO, empty);
    }
    SignedCheckpoint cp = openStored(latest.get());
    if (cp.checkpoint().size() > size) {
      throw new LogIntegrityException(
          "checkpoint size " + cp.checkpoint().size() + " exceeds " + size + " stored entries");
    }
    Hash stored = MerkleTree.treeHash(cp.checkpoint().size(), store);
    if (!stored.equals(cp.checkpoint().root())) {
      throw new LogIntegrityException(
          "stored tree root at size "
              + cp.checkpoint().size()
              + " is "
              + stored
              + " but the checkpoint signs "
              + cp.checkpoint().root());
    }
    Hash lastLeaf = checkTail(cp.checkpoint().size(), size);
    if (size > cp.checkpoint().size()) {
      // A crash between the entries' sync and the checkpoint's: the entries are durable but no
      // caller was answered; sign them now so they are served like any other.
      SignedCheckpoint next = signer.sign(size, MerkleTree.treeHash(size, store));
      store.putCheckpoint(new StoredCheckpoint(size, next.note()), cp.checkpoint().size());
      cp = next;
    }
    return new LogState(size, lastLeaf, cp);
  }

  private SignedCheckpoint openStored(StoredCheckpoint stored) {
    SignedCheckpoint cp;
    try {
      cp = signer.open(stored.note());
    } catch (MalformedException | VerificationException e) {
      throw new LogIntegrityException("latest checkpoint does not open: " + e.getMessage(), e);
    }
    if (cp.checkpoint().size() != stored.size()) {
      throw new LogIntegrityException(
          "checkpoint stored under size " + stored.size() + " says " + cp.checkpoint().size());
    }
    return cp;
  }

  /**
   * Re-checks entries {@code from-1 .. size-1} (the last covered one and any uncovered tail):
   * index, hash chain, stored leaf hash and lookup index. Returns the last leaf hash.
   */
  private Hash checkTail(long covered, long size) {
    if (size == 0) {
      return Hash.ZERO;
    }
    long from = Math.max(0, covered - 1);
    Hash prev = from == 0 ? Hash.ZERO : store.leafHash(from - 1);
    List<byte[]> tail = store.readEntries(from, Math.toIntExact(size - from));
    for (int i = 0; i < tail.size(); i++) {
      long index = from + i;
      prev = checkEntry(index, tail.get(i), prev);
    }
    return prev;
  }

  private Hash checkEntry(long index, byte[] bytes, Hash prev) {
    LedgerEntry entry;
    try {
      entry = EntryCodec.decodeEntry(bytes);
    } catch (MalformedException e) {
      throw new LogIntegrityException("entry " + index + " does not decode: " + e.getMessage(), e);
    }
    if (entry.getIndex() != index) {
      throw new LogIntegrityException("entry " + index + " says index " + entry.getIndex());
    }
    if (!EntryCodec.prevLeafHash(entry).equals(prev)) {
      throw new LogIntegrityException("entry " + index + " breaks the hash chain");
    }
    Hash leaf = Hashing.leaf(bytes);
    if (!leaf.equals(store.leafHash(index))) {
      throw new LogIntegrityException("entry " + index + " does not match its stored leaf hash");
    }
    if (store.indexOf(leaf).orElse(-1) != index) {
      throw new LogIntegrityException("entry " + index + " is missing from the leaf index");
    }
    return leaf;
  }
}
