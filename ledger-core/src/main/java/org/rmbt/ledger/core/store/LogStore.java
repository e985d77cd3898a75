package org.rmbt.ledger.core.store;

/**
 * The log's durable storage: what the sequencer writes through and everything reads from.
 *
 * <p>Writing is split at the disk, so that a batch can be written while the one before it is being
 * synced: {@link #write} applies a batch atomically and {@link #writeCheckpoint} adds a checkpoint,
 * neither waiting for the disk; {@link #sync} then makes everything written before it durable, and
 * only then do readers see it ({@link #size()}, reads, lookups, subjects, {@link
 * #latestCheckpoint()}). After a crash the store holds a prefix of what was written: all of a batch
 * or none of it, and never a checkpoint without the entries it covers. {@link #append} and {@link
 * #putCheckpoint} are the same with the sync included.
 *
 * <p>A batch's {@code firstIndex} must equal the end of what was written so far; a checkpoint must
 * be larger than the latest written and cover only durable entries (else {@link StoreException} or
 * {@link CheckpointConflictException}, nothing written).
 */
public interface LogStore
    extends LogReader, CheckpointStore, SubjectIndex, CosignatureStore, AutoCloseable {
  /** Writes {@code batch} atomically; durable and visible after the next {@link #sync}. */
  void write(AppendBatch batch);

  /**
   * Writes {@code next} as the latest checkpoint; durable and visible after the next {@link #sync}.
   *
   * @throws CheckpointConflictException if it is not larger than the latest written
   * @throws StoreException if it covers entries not yet durable
   */
  void writeCheckpoint(StoredCheckpoint next);

  /** Returns once everything written before the call is durable, and visible to readers. */
  void sync();

  /** Writes {@code batch} and syncs: durable and visible on return. */
  default void append(AppendBatch batch) {
    write(batch);
    sync();
  }

  @Override
  void close();
}
