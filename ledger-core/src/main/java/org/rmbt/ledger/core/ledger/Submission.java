package org.rmbt.ledger.core.ledger;

import java.util.concurrent.CompletableFuture;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.proto.Envelope;

/** A validated envelope waiting for the sequencer, and the caller's answer to complete. */
record Submission(Envelope envelope, Hash envelopeHash, CompletableFuture<AppendResult> result) {}
