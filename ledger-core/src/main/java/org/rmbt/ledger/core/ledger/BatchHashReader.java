package org.rmbt.ledger.core.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.merkle.HashReader;
import org.rmbt.ledger.core.merkle.StoredHash;

/**
 * Serves the hashes a batch just wrote from memory and remembers what it read from the store, so
 * the batch's inclusion proofs, which share most of their nodes, cost few store reads.
 *
 * <p>A batch writes one run of consecutive stored-hash indexes (they are assigned in append order),
 * so its own hashes sit in an array by offset: a boxed-key map lookup per proof node was a third of
 * the answer thread's time.
 */
final class BatchHashReader implements HashReader {
  private final HashReader store;
  private final long firstWritten;
  private final Hash[] written;
  private final Map<Long, Hash> read = new HashMap<>();

  BatchHashReader(HashReader store, List<StoredHash> written) {
    this.store = store;
    this.firstWritten = written.isEmpty() ? 0 : written.get(0).index();
    this.written = new Hash[written.size()];
    for (int i = 0; i < written.size(); i++) {
      StoredHash h = written.get(i);
      if (h.index() != firstWritten + i) {
        throw new IllegalArgumentException(
            "a batch's stored hashes must be consecutive: " + h.index() + " at position " + i);
      }
      this.written[i] = h.hash();
    }
  }

  @Override
  public List<Hash> readHashes(long[] storedIndexes) {
    Hash[] out = new Hash[storedIndexes.length];
    List<Integer> missing = null;
    for (int i = 0; i < storedIndexes.length; i++) {
      out[i] = known(storedIndexes[i]);
      if (out[i] == null) {
        missing = missing == null ? new ArrayList<>() : missing;
        missing.add(i);
      }
    }
    if (missing != null) {
      readFromStore(storedIndexes, missing, out);
    }
    return List.of(out);
  }

  @Override
  public Hash readHash(long storedIndex) {
    Hash h = known(storedIndex);
    if (h == null) {
      h = store.readHash(storedIndex);
      read.put(storedIndex, h);
    }
    return h;
  }

  private Hash known(long storedIndex) {
    long offset = storedIndex - firstWritten;
    return offset >= 0 && offset < written.length ? written[(int) offset] : read.get(storedIndex);
  }

  private void readFromStore(long[] storedIndexes, List<Integer> missing, Hash[] out) {
    long[] ask = missing.stream().mapToLong(i -> storedIndexes[i]).distinct().toArray();
    List<Hash> got = store.readHashes(ask);
    for (int i = 0; i < ask.length; i++) {
      read.put(ask[i], got.get(i));
    }
    for (int i : missing) {
      out[i] = read.get(storedIndexes[i]);
    }
  }
}
