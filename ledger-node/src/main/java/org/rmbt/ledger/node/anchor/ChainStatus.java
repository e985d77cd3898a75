package org.rmbt.ledger.node.anchor;

import java.util.Optional;

/**
 * Health of anchoring on one chain. {@code frozen} is the alarm: the registry saw two roots for one
 * size from this log and will refuse every further anchor.
 */
public record ChainStatus(
    long chainId, boolean frozen, int consecutiveFailures, Optional<String> lastError) {}
