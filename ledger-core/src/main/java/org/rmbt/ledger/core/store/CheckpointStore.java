package org.rmbt.ledger.core.store;

import java.util.Optional;

/**
 * Signed checkpoints by tree size. The store keeps them as opaque note bytes; the ledger parses and
 * verifies them.
 *
 * <p>Implementations: {@link #putCheckpoint} is a compare-and-swap on the latest checkpoint and is
 * synced to disk before it returns, so a checkpoint is never served before it is durable.
 */
public interface CheckpointStore {
  Optional<StoredCheckpoint> checkpoint(long size);

  Optional<StoredCheckpoint> latestCheckpoint();

  /**
   * Stores {@code next} as the new latest checkpoint if the latest is still the one of size {@code
   * expectedLatestSize} (-1: none yet). A size already stored with different bytes is refused: a
   * log never signs two roots for one size.
   *
   * @throws CheckpointConflictException if the latest is not the expected one, {@code next} is not
   *     larger, or its size is already stored with other bytes
   */
  void putCheckpoint(StoredCheckpoint next, long expectedLatestSize);
}
