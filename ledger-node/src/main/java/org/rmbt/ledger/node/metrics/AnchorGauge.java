package org.rmbt.ledger.node.metrics;

/**
 * Anchoring on one chain as the metrics show it (docs/OPERATORS.md, "Anchoring").
 *
 * @param anchoredSize the largest tree size anchored and final on the chain
 * @param sent anchor transactions sent since the node started
 * @param failures failed anchoring rounds since the node started
 * @param frozen the registry froze the log id (equivocation): anchoring has stopped for good
 */
public record AnchorGauge(
    long chainId, long anchoredSize, long sent, long failures, boolean frozen) {}
