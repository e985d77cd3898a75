package org.rmbt.ledger.core.merkle;

import java.util.List;
import org.rmbt.ledger.core.hash.Hash;

/**
 * The result of appending a batch of leaves: the new tree size, its RFC 9162 §2.1.1 root and the
 * stored hashes the caller must persist (in increasing stored-hash index order) before it may sign
 * or serve that root.
 */
public record Integration(long size, Hash root, List<StoredHash> toWrite) {
  public Integration {
    toWrite = List.copyOf(toWrite);
  }
}
