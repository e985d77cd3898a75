package org.rmbt.ledger.core.ledger;

import java.util.List;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;

/**
 * What an append answers, only once the entry and a checkpoint covering it are durable: no promise
 * to be kept later.
 *
 * @param duplicate the envelope was already logged and this is the existing entry
 * @param inclusionProof audit path from the leaf to {@code checkpoint}'s root (RFC 9162 §2.1.3)
 */
public record AppendResult(
    long index,
    Hash leafHash,
    boolean duplicate,
    SignedCheckpoint checkpoint,
    List<Hash> inclusionProof) {
  public AppendResult {
    inclusionProof = List.copyOf(inclusionProof);
  }
}
