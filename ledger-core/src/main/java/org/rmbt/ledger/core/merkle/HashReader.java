package org.rmbt.ledger.core.merkle;

import java.util.List;
import org.rmbt.ledger.core.hash.Hash;

/**
 * The one way tree code reaches stored hashes: a single batched read.
 *
 * <p>Implementations return exactly one hash per requested stored-hash index, in request order. A
 * requested index that was never stored is a broken invariant of the caller or a damaged store:
 * implementations throw an unchecked exception, never return a placeholder.
 */
public interface HashReader {
  List<Hash> readHashes(long[] storedIndexes);
}
