package org.rmbt.ledger.core.verify;

import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;

/**
 * What a bundle proved.
 *
 * @param anchorsNotChecked anchors need a chain endpoint; an offline check leaves them unchecked
 */
public record VerifiedBundle(
    SignedCheckpoint checkpoint,
    int entries,
    int consistencyProofs,
    int cosignatures,
    int anchorsNotChecked) {}
