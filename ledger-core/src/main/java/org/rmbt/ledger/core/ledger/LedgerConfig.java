package org.rmbt.ledger.core.ledger;

/**
 * Sequencer limits.
 *
 * @param maxBatchEntries most entries one durable write holds
 * @param maxBatchDelayMillis how long the sequencer waits to fill a batch once it has one entry; 0
 *     takes what is queued, which batches naturally while the previous write syncs. A batch's
 *     checkpoint becomes durable with the next batch's sync, so under load a caller waits up to
 *     about two delays and two syncs; larger batches mean fewer syncs, each costing CPU as well
 * @param maxQueuedEntries submissions waiting beyond this are refused ({@link
 *     BackpressureException}), so memory stays bounded under overload
 */
public record LedgerConfig(int maxBatchEntries, long maxBatchDelayMillis, int maxQueuedEntries) {
  public static final LedgerConfig DEFAULT = new LedgerConfig(1000, 0, 100_000);

  public LedgerConfig {
    if (maxBatchEntries < 1 || maxBatchDelayMillis < 0 || maxQueuedEntries < maxBatchEntries) {
      throw new IllegalArgumentException(
          "need maxBatchEntries >= 1, maxBatchDelayMillis >= 0, maxQueuedEntries >= batch");
    }
  }
}
