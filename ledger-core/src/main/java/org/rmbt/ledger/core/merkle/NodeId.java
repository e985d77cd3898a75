package org.rmbt.ledger.core.merkle;

/**
 * A complete subtree: {@code 2^level} leaves starting at leaf {@code index << level}. Level 0 nodes
 * are leaf hashes; RFC 9162 §2.1.1 defines the hash of a complete subtree.
 */
public record NodeId(int level, long index) {
  /**
   * Trees hold at most 2^62 leaves, so that every stored-hash index (just under twice the leaf
   * count) fits in a {@code long}.
   */
  public static final long MAX_TREE_SIZE = 1L << 62;

  public NodeId {
    if (level < 0 || level > 62) {
      throw new IllegalArgumentException("level must be in [0, 62], got " + level);
    }
    if (index < 0 || index >= (MAX_TREE_SIZE >> level)) {
      throw new IllegalArgumentException(
          "node (" + level + ", " + index + ") lies beyond 2^62 leaves");
    }
  }
}
