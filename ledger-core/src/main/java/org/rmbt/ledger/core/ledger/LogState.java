package org.rmbt.ledger.core.ledger;

import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;

/**
 * The sequencer's view of the durable log between batches.
 *
 * @param size durable entries
 * @param lastLeafHash leaf hash of entry {@code size - 1}, {@link Hash#ZERO} for an empty log
 * @param checkpoint the signed checkpoint of size {@code size}; stored, except for the sequencer's
 *     tip while its batch waits for the next write
 */
record LogState(long size, Hash lastLeafHash, SignedCheckpoint checkpoint) {}
