package org.rmbt.ledger.node.anchor;

import java.util.Optional;

/**
 * Health of anchoring on one chain. {@code frozen} is the alarm: the registry saw two roots for one
 * size from this log and will refuse every further anchor.
 *
 * @param anchoredSize the largest tree size anchored final on this chain (receipted in the log or
 *     being receipted now); 0 before the first
 * @param anchorsSent anchor transactions this node sent since it started
 * @param failures rounds that failed (RPC, sink) since the node started
 */
public record ChainStatus(
    long chainId,
    boolean frozen,
    int consecutiveFailures,
    Optional<String> lastError,
    long anchoredSize,
    long anchorsSent,
    long failures) {}
