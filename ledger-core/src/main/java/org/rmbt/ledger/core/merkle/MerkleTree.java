package org.rmbt.ledger.core.merkle;

import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;

/**
 * Tree heads over stored hashes (see {@link StoredHashes}): growing the tree and computing the RFC
 * 9162 §2.1.1 Merkle Tree Hash of any size. Pure: reaches storage only through one batched {@link
 * HashReader} call per operation, and returns what to write instead of writing it.
 */
public final class MerkleTree {
  private MerkleTree() {}

  /**
   * MTH of the first {@code size} leaves; for size 0, SHA-256 of the empty string. Reads the at
   * most 62 complete subtrees that make up the tree (one per set bit of {@code size}) in one call.
   */
  public static Hash treeHash(long size, HashReader reader) {
    checkSize("size", size);
    return Subtrees.fold(Subtrees.read(reader, Subtrees.indexes(0, size)));
  }

  /**
   * Appends {@code leaves} (leaf hashes, RFC 9162 §2.1.1) to a tree of {@code oldSize} leaves.
   *
   * <p>Reads only the complete subtrees of the old tree (one call; none for an empty tree): every
   * left sibling a new node needs is one of them or was made earlier in this batch. The returned
   * {@link Integration#toWrite()} holds every new leaf hash and every subtree the batch completes.
   */
  public static Integration integrate(long oldSize, List<Hash> leaves, HashReader reader) {
    checkSize("oldSize", oldSize);
    if (leaves.size() > NodeId.MAX_TREE_SIZE - oldSize) {
      throw new IllegalArgumentException("tree would grow beyond 2^62 leaves");
    }
    // The right edge of the tree: complete subtree hashes, largest (leftmost) first.
    List<Hash> edge = new ArrayList<>(Subtrees.read(reader, Subtrees.indexes(0, oldSize)));
    List<StoredHash> toWrite = new ArrayList<>(2 * leaves.size());
    long n = oldSize;
    for (Hash leaf : leaves) {
      append(n, leaf, edge, toWrite);
      n++;
    }
    return new Integration(n, Subtrees.fold(edge), toWrite);
  }

  /**
   * Leaf {@code n} completes one subtree per trailing 1 bit of {@code n}; the left halves of those
   * subtrees are the smallest ones on the edge. Their hashes are stored right after the leaf hash,
   * lowest level first, which is the order {@link StoredHashes} numbers them.
   */
  private static void append(long n, Hash leaf, List<Hash> edge, List<StoredHash> toWrite) {
    long index = StoredHashes.storedHashIndex(0, n);
    Hash h = leaf;
    toWrite.add(new StoredHash(index, h));
    int completed = Long.numberOfTrailingZeros(~n);
    for (int level = 1; level <= completed; level++) {
      h = Hashing.node(edge.remove(edge.size() - 1), h);
      toWrite.add(new StoredHash(index + level, h));
    }
    edge.add(h);
  }

  private static void checkSize(String name, long size) {
    if (size < 0 || size > NodeId.MAX_TREE_SIZE) {
      throw new IllegalArgumentException(name + " must be in [0, 2^62], got " + size);
    }
  }
}
