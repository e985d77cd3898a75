package org.rmbt.ledger.core.merkle;

import org.rmbt.ledger.core.hash.Hash;

/** A tree hash to persist, at its stored-hash index (see {@code StoredHashes}). */
public record StoredHash(long index, Hash hash) {}
