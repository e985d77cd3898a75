package org.rmbt.ledger.core.store;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.rmbt.ledger.core.hash.Hash;

/**
 * Wraps a {@link LogStore} and fails a chosen write, before or after it reaches the wrapped store,
 * as Sunlight's test backends do. For crash tests of the sequencer: arm a fault, drive one batch,
 * then reopen the wrapped store (e.g. {@link InMemoryLogStore#reopened()} or {@code
 * RocksLogStore.open(dir)}) and check that everything acknowledged is there and nothing
 * contradicts.
 *
 * <ul>
 *   <li>{@code FAIL_BEFORE_*}: the call does nothing; the caller sees {@link InjectedFault}.
 *   <li>{@code FAIL_AFTER_*}: the call took effect in the wrapped store (a write is written, a sync
 *       made it durable), yet the caller sees {@link InjectedFault} — as when the process dies
 *       between the call and the reply.
 * </ul>
 *
 * <p>Checkpoint faults fire on {@link #writeCheckpoint} and {@link #putCheckpoint} alike. {@link
 * #holdWrites} and {@link #holdSyncs} keep batch writes or syncs from reaching the wrapped store
 * until released, to stage a batch while the ones before it are unwritten or not yet durable.
 *
 * <p>Each armed fault fires once, on the next matching call; an {@code AFTER} fault waits for a
 * call the wrapped store accepts (its own refusals pass through unchanged). Reads always pass
 * through.
 */
public final class FaultyLogStore implements LogStore {
  public enum Fault {
    FAIL_BEFORE_WRITE,
    FAIL_AFTER_WRITE,
    FAIL_BEFORE_SYNC,
    FAIL_AFTER_SYNC,
    FAIL_BEFORE_CHECKPOINT,
    FAIL_AFTER_CHECKPOINT
  }

  /** The exception an armed fault throws: a storage fault, as a real one would be. */
  public static final class InjectedFault extends StoreException {
    private static final long serialVersionUID = 1L;

    private final Fault fault;

    InjectedFault(Fault fault) {
      super("injected fault " + fault);
      this.fault = fault;
    }

    public Fault fault() {
      return fault;
    }
  }

  private final LogStore delegate;
  private final Set<Fault> armed = EnumSet.noneOf(Fault.class); // guarded by this
  private Error writeError; // guarded by this
  private int syncs; // guarded by this
  private int checkpointWrites; // guarded by this
  private int checkpointPuts; // guarded by this
  private int indexLookups; // guarded by this
  private final Gate writes = new Gate();
  private final Gate syncGate = new Gate();

  public FaultyLogStore(LogStore delegate) {
    this.delegate = delegate;
  }

  /** Arms {@code fault}: the next matching call fails in that way. */
  public synchronized void failNext(Fault fault) {
    armed.add(fault);
  }

  /** The next batch write throws {@code error} (not a storage fault) before reaching the store. */
  public synchronized void errorOnNextWrite(Error error) {
    writeError = error;
  }

  /** Whether {@code fault} is armed and has not fired yet. */
  public synchronized boolean isArmed(Fault fault) {
    return armed.contains(fault);
  }

  /** Syncs the wrapped store completed. */
  public synchronized int syncs() {
    return syncs;
  }

  /** Checkpoints the wrapped store accepted unsynced ({@link #writeCheckpoint}). */
  public synchronized int checkpointWrites() {
    return checkpointWrites;
  }

  /** Checkpoints the wrapped store accepted synced ({@link #putCheckpoint}). */
  public synchronized int checkpointPuts() {
    return checkpointPuts;
  }

  /** Lookup calls ({@link #indexesOf}) so far: one per batch the sequencer stages. */
  public synchronized int indexLookups() {
    return indexLookups;
  }

  /** Batch writes wait, before reaching the wrapped store, until {@link #releaseWrites}. */
  public void holdWrites() {
    writes.hold();
  }

  public void releaseWrites() {
    writes.release();
  }

  /** Waits until a batch write is held. */
  public void awaitHeldWrite() throws InterruptedException {
    writes.awaitHeld();
  }

  /** Syncs wait, before reaching the wrapped store, until {@link #releaseSyncs}. */
  public void holdSyncs() {
    syncGate.hold();
  }

  public void releaseSyncs() {
    syncGate.release();
  }

  /** Waits until a sync is held. */
  public void awaitHeldSync() throws InterruptedException {
    syncGate.awaitHeld();
  }

  /** Holds calls of one kind while closed; counts down {@code held} when the first one waits. */
  private static final class Gate {
    private CountDownLatch open = new CountDownLatch(0); // guarded by this
    private final CountDownLatch held = new CountDownLatch(1);

    synchronized void hold() {
      open = new CountDownLatch(1);
    }

    synchronized void release() {
      open.countDown();
    }

    void awaitHeld() throws InterruptedException {
      held.await();
    }

    void pass() {
      CountDownLatch gate;
      synchronized (this) {
        gate = open;
      }
      if (gate.getCount() > 0) {
        held.countDown();
      }
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while held", e);
      }
    }
  }

  private synchronized void throwErrorIfSet() {
    Error e = writeError;
    writeError = null;
    if (e != null) {
      throw e;
    }
  }

  private synchronized void fireIfArmed(Fault fault) {
    if (armed.remove(fault)) {
      throw new InjectedFault(fault);
    }
  }

  @Override
  public void write(AppendBatch batch) {
    writes.pass();
    throwErrorIfSet();
    fireIfArmed(Fault.FAIL_BEFORE_WRITE);
    delegate.write(batch);
    // The batch is written below; the caller is told it failed.
    fireIfArmed(Fault.FAIL_AFTER_WRITE);
  }

  @Override
  public void sync() {
    syncGate.pass();
    fireIfArmed(Fault.FAIL_BEFORE_SYNC);
    delegate.sync();
    synchronized (this) {
      syncs++;
    }
    fireIfArmed(Fault.FAIL_AFTER_SYNC);
  }

  @Override
  public void writeCheckpoint(StoredCheckpoint next) {
    fireIfArmed(Fault.FAIL_BEFORE_CHECKPOINT);
    delegate.writeCheckpoint(next);
    synchronized (this) {
      checkpointWrites++;
    }
    fireIfArmed(Fault.FAIL_AFTER_CHECKPOINT);
  }

  @Override
  public void putCheckpoint(StoredCheckpoint next, long expectedLatestSize) {
    fireIfArmed(Fault.FAIL_BEFORE_CHECKPOINT);
    delegate.putCheckpoint(next, expectedLatestSize);
    synchronized (this) {
      checkpointPuts++;
    }
    fireIfArmed(Fault.FAIL_AFTER_CHECKPOINT);
  }

  @Override
  public long size() {
    return delegate.size();
  }

  @Override
  public List<byte[]> readEntries(long from, int count) {
    return delegate.readEntries(from, count);
  }

  @Override
  public OptionalLong indexOf(Hash key) {
    return delegate.indexOf(key);
  }

  @Override
  public List<OptionalLong> indexesOf(List<Hash> keys) {
    synchronized (this) {
      indexLookups++;
    }
    return delegate.indexesOf(keys);
  }

  @Override
  public List<Hash> readHashes(long[] storedIndexes) {
    return delegate.readHashes(storedIndexes);
  }

  @Override
  public Optional<StoredCheckpoint> checkpoint(long size) {
    return delegate.checkpoint(size);
  }

  @Override
  public Optional<StoredCheckpoint> latestCheckpoint() {
    return delegate.latestCheckpoint();
  }

  @Override
  public List<Long> entriesAbout(String subject, long fromIndex, int limit) {
    return delegate.entriesAbout(subject, fromIndex, limit);
  }

  @Override
  public OptionalLong lastEntryAbout(String subject) {
    return delegate.lastEntryAbout(subject);
  }

  @Override
  public void putCosignature(StoredCosignature cosignature) {
    delegate.putCosignature(cosignature);
  }

  @Override
  public List<StoredCosignature> cosignatures(long size) {
    return delegate.cosignatures(size);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
