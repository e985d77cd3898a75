package org.rmbt.ledger.core.ledger;

import java.util.List;
import org.rmbt.ledger.core.merkle.Integration;

/**
 * A staged batch on its way from the stager to the writer.
 *
 * @param integration the tree after the batch's new entries; null if it has none (all duplicates or
 *     refused), and then nothing is written
 * @param admission the policy's state after the batch, committed once the batch is durable
 */
record StagedWrite(
    List<Submission> batch,
    StagedBatch staged,
    Integration integration,
    EntryPolicy.Staging admission) {

  boolean writesEntries() {
    return integration != null;
  }
}
