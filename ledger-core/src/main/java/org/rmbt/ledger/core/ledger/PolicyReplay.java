package org.rmbt.ledger.core.ledger;

import java.util.List;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.store.LogReader;
import org.rmbt.ledger.proto.LedgerEntry;

/**
 * Rebuilds a policy's state on open by admitting every logged entry again, in order, at its own
 * index and time. The log is the only state: an entry that the rules refuse on replay means the log
 * and the rules disagree, and the ledger refuses to open rather than guess.
 */
final class PolicyReplay {
  private static final int CHUNK = 4096;

  private final LogReader log;
  private final EntryPolicy policy;

  PolicyReplay(LogReader log, EntryPolicy policy) {
    this.log = log;
    this.policy = policy;
  }

  void replay(long size) {
    EntryPolicy.Staging staging = policy.stage();
    for (long from = 0; from < size; from += CHUNK) {
      List<byte[]> chunk = log.readEntries(from, (int) Math.min(CHUNK, size - from));
      for (int i = 0; i < chunk.size(); i++) {
        replayEntry(staging, from + i, chunk.get(i));
      }
    }
    staging.commit();
  }

  private static void replayEntry(EntryPolicy.Staging staging, long index, byte[] bytes) {
    try {
      LedgerEntry entry = EntryCodec.decodeEntry(bytes);
      staging.admit(index, entry.getEnvelope(), entry.getIntegratedAt());
      staging.applied(index, Hashing.leaf(bytes));
    } catch (MalformedException | VerificationException e) {
      throw new LogIntegrityException(
          "entry " + index + " is not admissible on replay: " + e.getMessage(), e);
    }
  }
}
