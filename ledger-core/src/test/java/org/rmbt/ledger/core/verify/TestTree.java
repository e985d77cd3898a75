package org.rmbt.ledger.core.verify;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.merkle.HashReader;
import org.rmbt.ledger.core.merkle.MerkleTree;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.merkle.StoredHash;

/** A whole tree in memory, for roots, checkpoints and consistency proofs at any size. */
final class TestTree {
  private final String origin;
  private final Map<Long, Hash> stored = new HashMap<>();
  private final HashReader reader =
      idx -> {
        List<Hash> out = new ArrayList<>();
        for (long i : idx) {
          out.add(stored.get(i));
        }
        return out;
      };

  TestTree(String origin, List<Hash> leaves) {
    this.origin = origin;
    for (StoredHash h : MerkleTree.integrate(0, leaves, reader).toWrite()) {
      stored.put(h.index(), h.hash());
    }
  }

  Hash root(long size) {
    return MerkleTree.treeHash(size, reader);
  }

  Checkpoint checkpoint(long size) {
    return new Checkpoint(origin, size, root(size));
  }

  List<Hash> consistency(long s1, long s2) {
    return Proofs.consistency(s1, s2, reader);
  }

  /** Leaf hashes of the numbers [from, to) as 8 big-endian bytes. */
  static List<Hash> leaves(long from, long to) {
    List<Hash> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(Hashing.leaf(ByteBuffer.allocate(Long.BYTES).putLong(i).array()));
    }
    return out;
  }

  static List<Hash> concat(List<Hash> a, List<Hash> b) {
    List<Hash> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
