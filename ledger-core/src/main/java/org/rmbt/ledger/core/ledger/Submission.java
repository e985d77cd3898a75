package org.rmbt.ledger.core.ledger;

import java.util.concurrent.CompletableFuture;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.proto.Envelope;

/**
 * A validated envelope waiting for the sequencer, and the caller's answer to complete.
 *
 * @param envelopeBytes the envelope's encoding, which strict decoding made sure is its canonical
 *     one: the sequencer puts these bytes into the entry instead of encoding the envelope again
 */
record Submission(
    Envelope envelope,
    byte[] envelopeBytes,
    Hash envelopeHash,
    CompletableFuture<AppendResult> result) {}
