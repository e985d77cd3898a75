package org.rmbt.ledger.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.merkle.StoredHash;

/**
 * A {@link LogStore} in memory, for tests: the same contract as the RocksDB store (the shared
 * {@link LogStoreContract} runs against both), and stricter about its callers.
 *
 * <p>Like tlog's test hash storage, it fails loudly ({@link IllegalStateException}, never a {@link
 * StoreException} a caller might handle) on things only a buggy caller does: indexing a leaf or
 * envelope hash that is already indexed, writing a stored-hash index twice, or using a store after
 * handing its data to {@link #reopened()}. The RocksDB store does not pay for these checks.
 *
 * <p>{@link #reopened()} stands in for a process restart: a fresh store over the same data, as
 * reopening the RocksDB directory would give.
 */
public final class InMemoryLogStore implements LogStore {
  /** What survives a "restart". Guarded by its own monitor. */
  private static final class Data {
    final List<byte[]> entries = new ArrayList<>();
    final Map<Hash, Long> index = new HashMap<>();
    final Map<Long, Hash> tree = new HashMap<>();
    final NavigableMap<Long, StoredCheckpoint> checkpoints = new TreeMap<>();
    final Map<String, NavigableSet<Long>> subjects = new HashMap<>();
    final Map<Long, NavigableSet<StoredCosignature>> cosignatures = new HashMap<>();
  }

  private final Data data;
  private boolean closed; // guarded by data

  /** Written, not yet synced: lost by a "restart". Guarded by data. */
  private final List<AppendBatch> unsynced = new ArrayList<>();

  private StoredCheckpoint unsyncedCheckpoint; // guarded by data
  private long written; // guarded by data: end of what is written

  public InMemoryLogStore() {
    this(new Data());
  }

  private InMemoryLogStore(Data data) {
    this.data = data;
    this.written = data.entries.size();
  }

  /** A new store over this one's data, as after a restart; this one must be closed first. */
  public InMemoryLogStore reopened() {
    synchronized (data) {
      if (!closed) {
        throw new IllegalStateException("caller bug: reopen while the store is still open");
      }
      return new InMemoryLogStore(data);
    }
  }

  @Override
  public long size() {
    synchronized (data) {
      checkOpen();
      return data.entries.size();
    }
  }

  @Override
  public void write(AppendBatch batch) {
    synchronized (data) {
      checkOpen();
      if (batch.firstIndex() != written) {
        throw new StoreException(
            "batch starts at index " + batch.firstIndex() + " but the log has " + written);
      }
      checkNew(batch);
      unsynced.add(batch);
      written += batch.leafHashes().size();
    }
  }

  @Override
  public void writeCheckpoint(StoredCheckpoint next) {
    synchronized (data) {
      checkOpen();
      long latestWritten = latestWrittenSize();
      CheckpointSwap.check(latestWritten, latestWritten, next.size(), data.entries.size());
      unsyncedCheckpoint = next;
    }
  }

  /** Applies what was written; a "restart" ({@link #reopened()}) before this loses it. */
  @Override
  public void sync() {
    synchronized (data) {
      checkOpen();
      for (AppendBatch batch : unsynced) {
        apply(batch);
      }
      unsynced.clear();
      if (unsyncedCheckpoint != null) {
        data.checkpoints.put(unsyncedCheckpoint.size(), unsyncedCheckpoint);
        unsyncedCheckpoint = null;
      }
    }
  }

  private void apply(AppendBatch batch) {
    List<byte[]> entries = batch.entries();
    for (int i = 0; i < entries.size(); i++) {
      long index = batch.firstIndex() + i;
      data.index.put(batch.leafHashes().get(i), index);
      data.index.put(batch.envelopeHashes().get(i), index);
      data.entries.add(entries.get(i));
    }
    for (StoredHash stored : batch.treeHashes()) {
      data.tree.put(stored.index(), stored.hash());
    }
    for (SubjectPosting p : batch.subjects()) {
      data.subjects.computeIfAbsent(p.subject(), k -> new TreeSet<>()).add(p.index());
    }
  }

  @Override
  public List<Long> entriesAbout(String subject, long fromIndex, int limit) {
    synchronized (data) {
      checkOpen();
      NavigableSet<Long> all = data.subjects.getOrDefault(subject, new TreeSet<>());
      return all.tailSet(fromIndex, true).stream().limit(limit).toList();
    }
  }

  @Override
  public OptionalLong lastEntryAbout(String subject) {
    synchronized (data) {
      checkOpen();
      NavigableSet<Long> all = data.subjects.get(subject);
      return all == null ? OptionalLong.empty() : OptionalLong.of(all.last());
    }
  }

  /** Everything the batch indexes or stores must be new, also within the batch. */
  private void checkNew(AppendBatch batch) {
    Set<Hash> keys = new HashSet<>();
    for (int i = 0; i < batch.leafHashes().size(); i++) {
      for (Hash key : List.of(batch.leafHashes().get(i), batch.envelopeHashes().get(i))) {
        if (data.index.containsKey(key) || writtenKeys().contains(key) || !keys.add(key)) {
          throw new IllegalStateException("caller bug: hash " + key + " is already indexed");
        }
      }
    }
    Set<Long> indexes = new HashSet<>();
    for (StoredHash stored : batch.treeHashes()) {
      if (stored.index() < 0) {
        throw new IllegalArgumentException("negative stored-hash index " + stored.index());
      }
      if (data.tree.containsKey(stored.index())
          || writtenTreeIndexes().contains(stored.index())
          || !indexes.add(stored.index())) {
        throw new IllegalStateException(
            "caller bug: stored hash " + stored.index() + " is written twice");
      }
    }
  }

  private Set<Hash> writtenKeys() {
    Set<Hash> keys = new HashSet<>();
    for (AppendBatch b : unsynced) {
      keys.addAll(b.leafHashes());
      keys.addAll(b.envelopeHashes());
    }
    return keys;
  }

  private Set<Long> writtenTreeIndexes() {
    Set<Long> indexes = new HashSet<>();
    for (AppendBatch b : unsynced) {
      b.treeHashes().forEach(h -> indexes.add(h.index()));
    }
    return indexes;
  }

  @Override
  public List<byte[]> readEntries(long from, int count) {
    if (from < 0 || count < 0) {
      throw new IllegalArgumentException("from and count must be >= 0: " + from + ", " + count);
    }
    synchronized (data) {
      checkOpen();
      long size = data.entries.size();
      if (from > size - count) {
        throw new StoreException(
            "entries " + from + "+" + count + " are past the end of the log (size " + size + ")");
      }
      List<byte[]> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        out.add(data.entries.get((int) from + i).clone());
      }
      return List.copyOf(out);
    }
  }

  @Override
  public List<Hash> readHashes(long[] storedIndexes) {
    synchronized (data) {
      checkOpen();
      List<Hash> out = new ArrayList<>(storedIndexes.length);
      for (long index : storedIndexes) {
        Hash hash = data.tree.get(index);
        if (hash == null) {
          throw new StoreException("stored hash " + index + " was never written");
        }
        out.add(hash);
      }
      return List.copyOf(out);
    }
  }

  @Override
  public OptionalLong indexOf(Hash key) {
    synchronized (data) {
      checkOpen();
      Long index = data.index.get(key);
      return index == null ? OptionalLong.empty() : OptionalLong.of(index);
    }
  }

  @Override
  public Optional<StoredCheckpoint> checkpoint(long size) {
    synchronized (data) {
      checkOpen();
      return Optional.ofNullable(data.checkpoints.get(size));
    }
  }

  @Override
  public Optional<StoredCheckpoint> latestCheckpoint() {
    synchronized (data) {
      checkOpen();
      var last = data.checkpoints.lastEntry();
      return last == null ? Optional.empty() : Optional.of(last.getValue());
    }
  }

  @Override
  public void putCheckpoint(StoredCheckpoint next, long expectedLatestSize) {
    synchronized (data) {
      checkOpen();
      // Sizes only grow past the latest, so no other bytes can be stored under next.size().
      CheckpointSwap.check(
          latestWrittenSize(), expectedLatestSize, next.size(), data.entries.size());
      sync(); // a synced write makes everything written before it durable too
      data.checkpoints.put(next.size(), next);
    }
  }

  /** As {@link #latestSize()}, counting one written but not yet synced. */
  private long latestWrittenSize() {
    return unsyncedCheckpoint == null ? latestSize() : unsyncedCheckpoint.size();
  }

  /** Size of the latest checkpoint, -1 for none; the caller holds {@code data}'s lock. */
  private long latestSize() {
    return data.checkpoints.isEmpty() ? -1 : data.checkpoints.lastKey();
  }

  @Override
  public void putCosignature(StoredCosignature c) {
    synchronized (data) {
      checkOpen();
      if (!data.checkpoints.containsKey(c.size())) {
        throw new StoreException("no checkpoint of size " + c.size() + " to cosign");
      }
      NavigableSet<StoredCosignature> held =
          data.cosignatures.computeIfAbsent(c.size(), k -> new TreeSet<>(StoredCosignature.ORDER));
      held.remove(c); // same witness key: ORDER treats it as equal, so the new line replaces it
      held.add(c);
    }
  }

  @Override
  public List<StoredCosignature> cosignatures(long size) {
    synchronized (data) {
      checkOpen();
      return List.copyOf(data.cosignatures.getOrDefault(size, new TreeSet<>()));
    }
  }

  /** Idempotent, like the RocksDB store's. */
  @Override
  public void close() {
    synchronized (data) {
      closed = true;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreException("store is closed");
    }
  }
}
