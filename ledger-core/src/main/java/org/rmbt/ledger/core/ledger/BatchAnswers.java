package org.rmbt.ledger.core.ledger;

import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.merkle.HashReader;
import org.rmbt.ledger.core.merkle.InclusionProver;

/**
 * Answers a batch's callers once a checkpoint over it is durable: each gets its index, leaf hash,
 * that checkpoint and an inclusion proof to it, or the reason admission refused it.
 */
final class BatchAnswers {
  private BatchAnswers() {}

  /**
   * A caller left waiting would hang for good: any failure here fails the batch's callers. A read
   * fault while proving does not freeze the ledger: the durable state is whole, only the answer is
   * lost, and the caller's retry is answered as a duplicate.
   */
  static void answerOrFail(
      List<Submission> batch, StagedBatch staged, LogState state, HashReader reader) {
    try {
      answer(batch, staged, state, reader);
    } catch (RuntimeException | Error e) {
      fail(batch, e);
      if (e instanceof Error err) {
        throw err;
      }
    }
  }

  static void fail(List<Submission> batch, Throwable cause) {
    for (Submission s : batch) {
      s.result().completeExceptionally(cause);
    }
  }

  private static void answer(
      List<Submission> batch, StagedBatch staged, LogState state, HashReader reader) {
    long size = state.size();
    InclusionProver prover = new InclusionProver(size, reader);
    for (int i = 0; i < batch.size(); i++) {
      Exception refused = staged.refused.get(i);
      if (refused != null) {
        batch.get(i).result().completeExceptionally(refused);
        continue;
      }
      long index = staged.indexes.get(i);
      Hash leaf = reader.leafHash(index);
      List<Hash> proof = prover.proof(index);
      batch
          .get(i)
          .result()
          .complete(
              new AppendResult(index, leaf, staged.duplicate.get(i), state.checkpoint(), proof));
    }
  }
}
