package org.rmbt.ledger.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.merkle.StoredHash;

/**
 * Deterministic batches for store tests: entry {@code i} has known bytes, leaf hash, envelope hash
 * and one tree hash at stored index {@code i}, so any read can be checked against its index alone.
 * The tree hashes are not real tree math: stores treat them as opaque.
 */
public final class SampleBatches {
  private SampleBatches() {}

  public static byte[] entry(long i) {
    return ("entry " + i + " " + "x".repeat((int) (i % 50))).getBytes(UTF_8);
  }

  public static Hash leafHash(long i) {
    return Hashing.leaf(entry(i));
  }

  public static Hash envelopeHash(long i) {
    return Hashing.sha256(("envelope " + i).getBytes(UTF_8));
  }

  public static Hash treeHash(long storedIndex) {
    return Hashing.sha256(("tree " + storedIndex).getBytes(UTF_8));
  }

  /** Entries {@code first .. first+count-1}, with tree hashes at the same stored indexes. */
  public static AppendBatch batch(long first, int count) {
    List<byte[]> entries = new ArrayList<>(count);
    List<Hash> leaves = new ArrayList<>(count);
    List<Hash> envelopes = new ArrayList<>(count);
    List<StoredHash> tree = new ArrayList<>(count);
    for (long i = first; i < first + count; i++) {
      entries.add(entry(i));
      leaves.add(leafHash(i));
      envelopes.add(envelopeHash(i));
      tree.add(new StoredHash(i, treeHash(i)));
    }
    return new AppendBatch(first, entries, leaves, envelopes, tree);
  }

  public static StoredCheckpoint checkpoint(long size) {
    return checkpoint(size, "note");
  }

  public static StoredCheckpoint checkpoint(long size, String text) {
    return new StoredCheckpoint(
        size, ("example.org/log\n" + size + "\n" + text + "\n").getBytes(UTF_8));
  }
}
