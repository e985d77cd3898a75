package org.rmbt.ledger.core.store;

import java.util.List;

/**
 * Witness cosignatures of the log's checkpoints, kept beside the checkpoint notes rather than in
 * them: {@link CheckpointStore} holds exactly one note per size (the guard against signing two
 * roots), while cosignatures arrive later, one witness at a time. The store keeps each signature
 * line as opaque bytes; the node verifies a line before it stores it and again when it serves it.
 *
 * <p>Implementations: {@link #putCosignature} is synced to disk before it returns; it refuses, with
 * {@link StoreException}, a size for which no checkpoint is stored; a second line from the same
 * witness key (name and key ID) for the same size replaces the first. {@link #cosignatures} answers
 * in (unsigned key ID, UTF-8 name) order, so a note rebuilt from it is the same bytes before and
 * after a restart.
 */
public interface CosignatureStore {
  void putCosignature(StoredCosignature cosignature);

  /** The cosignatures stored for the checkpoint of {@code size}; empty if none. */
  List<StoredCosignature> cosignatures(long size);
}
