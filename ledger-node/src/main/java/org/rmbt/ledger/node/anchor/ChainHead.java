package org.rmbt.ledger.node.anchor;

import org.rmbt.ledger.core.hash.Hash;

/** The registry's stored head for one log: the last anchored size and root, and where. */
public record ChainHead(long treeSize, Hash root, long blockNumber, boolean frozen) {}
