package org.rmbt.ledger.core.ledger;

import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.proto.Envelope;

/**
 * What a log accepts. Signatures are checked on callers' threads (cryptography uses every core);
 * admission runs on the sequencer, entry by entry in log order, against the state the log has
 * reached at that entry, so a rule can depend on everything logged before it.
 */
public interface EntryPolicy {
  /** Cryptographic check of every envelope signature; no log state beyond the known keys. */
  void verifySignatures(Envelope env) throws MalformedException, VerificationException;

  /** A tentative state for one batch, starting from the committed state. */
  Staging stage();

  /** Whether reopening must replay every entry to rebuild the policy's state. */
  boolean replaysLog();

  /** One batch's admissions; discarded unless {@link #commit} is called. */
  interface Staging {
    /**
     * Admits {@code env} as entry {@code index}; returns the subjects it concerns (to link each
     * entry to the previous entry about the same subject). A throw changes nothing staged.
     */
    List<String> admit(long index, Envelope env, long integratedAt)
        throws MalformedException, VerificationException;

    /** The leaf hash of the entry just admitted; call before the next admit. */
    void applied(long index, Hash leafHash);

    /** Makes the staged state the committed one: only once the batch is durable. */
    void commit();

    /**
     * A staging for the batch after this one, starting from this one's state, uncommitted: the
     * sequencer stages a batch while the one before it is being written. Committing it commits this
     * one's admissions too.
     */
    Staging next();
  }
}
