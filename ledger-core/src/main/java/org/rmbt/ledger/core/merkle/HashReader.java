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

  /**
   * One stored hash, as {@link #readHashes} of that one index; readers that hold hashes in memory
   * answer it without allocating.
   */
  default Hash readHash(long storedIndex) {
    return readHashes(new long[] {storedIndex}).get(0);
  }

  /** The leaf hash of entry {@code index}. */
  default Hash leafHash(long index) {
    return readHash(StoredHashes.storedHashIndex(0, index));
  }
}
