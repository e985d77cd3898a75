package org.rmbt.ledger.core.store;

/**
 * The log's durable storage: what the sequencer writes through and everything reads from.
 *
 * <p>Implementations: {@link #append} applies the whole batch atomically and syncs it to disk
 * before it returns; its {@code firstIndex} must equal {@link #size()} (else {@link
 * StoreException}, nothing written). After a crash the store holds either all of a batch or none of
 * it. {@link #putCheckpoint} refuses a checkpoint larger than {@link #size()} with {@link
 * StoreException}: a checkpoint only ever covers durable entries. A batch's {@link
 * AppendBatch#previousCheckpoint} is stored in the same synced write and becomes the latest; it is
 * refused as {@link CheckpointSwap#checkCarried} says, with nothing of the batch written.
 */
public interface LogStore
    extends LogReader, CheckpointStore, SubjectIndex, CosignatureStore, AutoCloseable {
  void append(AppendBatch batch);

  @Override
  void close();
}
