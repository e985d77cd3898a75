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
 *   <li>{@code FAIL_BEFORE_*}: nothing is written; the caller sees {@link InjectedFault}.
 *   <li>{@code FAIL_AFTER_*}: the write is durable in the wrapped store, yet the caller sees {@link
 *       InjectedFault} — as when the process dies between the sync and the reply.
 * </ul>
 *
 * <p>{@link #holdAppends} keeps appends from reaching the wrapped store until released, to stage a
 * batch while the one before it is still unwritten.
 *
 * <p>Each armed fault fires once, on the next matching call; an {@code AFTER} fault waits for a
 * call the wrapped store accepts (its own refusals pass through unchanged). Reads always pass
 * through.
 */
public final class FaultyLogStore implements LogStore {
  public enum Fault {
    FAIL_BEFORE_APPEND,
    FAIL_AFTER_APPEND,
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
  private int appendsCarryingACheckpoint; // guarded by this
  private int checkpointWrites; // guarded by this
  private int indexLookups; // guarded by this
  private CountDownLatch held = new CountDownLatch(0); // guarded by this
  private final CountDownLatch appendHeld = new CountDownLatch(1);

  public FaultyLogStore(LogStore delegate) {
    this.delegate = delegate;
  }

  /** Arms {@code fault}: the next matching call fails in that way. */
  public synchronized void failNext(Fault fault) {
    armed.add(fault);
  }

  /** Whether {@code fault} is armed and has not fired yet. */
  public synchronized boolean isArmed(Fault fault) {
    return armed.contains(fault);
  }

  /** Appends the wrapped store accepted that stored a checkpoint in the same write. */
  public synchronized int appendsCarryingACheckpoint() {
    return appendsCarryingACheckpoint;
  }

  /** Checkpoints the wrapped store accepted on their own ({@link #putCheckpoint}). */
  public synchronized int checkpointWrites() {
    return checkpointWrites;
  }

  /** Lookup calls ({@link #indexesOf}) so far: one per batch the sequencer stages. */
  public synchronized int indexLookups() {
    return indexLookups;
  }

  /** Appends wait, before reaching the wrapped store, until {@link #releaseAppends}. */
  public synchronized void holdAppends() {
    held = new CountDownLatch(1);
  }

  public synchronized void releaseAppends() {
    held.countDown();
  }

  /** Waits until an append is held. */
  public void awaitHeldAppend() throws InterruptedException {
    appendHeld.await();
  }

  private void waitIfHeld() {
    CountDownLatch gate;
    synchronized (this) {
      gate = held;
    }
    if (gate.getCount() > 0) {
      appendHeld.countDown();
    }
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while an append was held", e);
    }
  }

  private synchronized void fireIfArmed(Fault fault) {
    if (armed.remove(fault)) {
      throw new InjectedFault(fault);
    }
  }

  @Override
  public void append(AppendBatch batch) {
    waitIfHeld();
    fireIfArmed(Fault.FAIL_BEFORE_APPEND);
    delegate.append(batch);
    synchronized (this) {
      appendsCarryingACheckpoint += batch.previousCheckpoint().isPresent() ? 1 : 0;
    }
    // The batch is durable below; the caller is told it failed.
    fireIfArmed(Fault.FAIL_AFTER_APPEND);
  }

  @Override
  public void putCheckpoint(StoredCheckpoint next, long expectedLatestSize) {
    fireIfArmed(Fault.FAIL_BEFORE_CHECKPOINT);
    delegate.putCheckpoint(next, expectedLatestSize);
    synchronized (this) {
      checkpointWrites++;
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
