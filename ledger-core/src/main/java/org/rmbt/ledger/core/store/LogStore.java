package org.rmbt.ledger.core.store;

/**
 * The log's durable storage: what the sequencer writes through and everything reads from.
 *
 * <p>Implementations: {@link #append} applies the whole batch atomically and syncs it to disk
 * before it returns; its {@code firstIndex} must equal {@link #size()} (else {@link
 * StoreException}, nothing written). After a crash the store holds either all of a batch or none of
 * it.
 */
public interface LogStore extends LogReader, CheckpointStore, AutoCloseable {
  void append(AppendBatch batch);

  @Override
  void close();
}
