package org.rmbt.ledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;

class MerkleTreeTest {
  private static final int LEAVES = 3001;

  /**
   * Integrates the first {@link #LEAVES} leaves in batches of {@code batch}, checking each root.
   */
  private static MapHashReader grow(int batch, ReferenceTree reference) {
    MapHashReader store = new MapHashReader();
    for (long n = 0; n < LEAVES; n += batch) {
      long end = Math.min(LEAVES, n + batch);
      Integration step = store.append(n, Leaves.range(n, end));
      assertThat(step.size()).isEqualTo(end);
      assertThat(step.root()).as("root of %d", end).isEqualTo(reference.mth(0, end));
      assertThat(MerkleTree.treeHash(end, store)).isEqualTo(step.root());
    }
    return store;
  }

  @Test
  void batchSizeDoesNotChangeTheTree() {
    ReferenceTree reference = new ReferenceTree(Leaves.range(0, LEAVES));
    Map<Long, Hash> ones = grow(1, reference).contents();
    assertThat(ones).hasSize((int) StoredHashes.storedHashCount(LEAVES));
    assertThat(grow(7, reference).contents()).isEqualTo(ones);
    assertThat(grow(1000, reference).contents()).isEqualTo(ones);
    assertThat(grow(LEAVES, reference).contents()).isEqualTo(ones);
  }

  @Test
  void storedHashesAreTheCompleteSubtrees() {
    ReferenceTree reference = new ReferenceTree(Leaves.range(0, LEAVES));
    for (Map.Entry<Long, Hash> e : Leaves.store(LEAVES).contents().entrySet()) {
      NodeId node = StoredHashes.splitStoredHashIndex(e.getKey());
      long lo = node.index() << node.level();
      assertThat(e.getValue())
          .as("%s", node)
          .isEqualTo(reference.mth(lo, lo + (1L << node.level())));
    }
  }

  @Test
  void emptyBatchWritesNothingAndReturnsTheCurrentRoot() {
    MapHashReader store = Leaves.store(10);
    Integration none = MerkleTree.integrate(10, List.of(), store);
    assertThat(none.toWrite()).isEmpty();
    assertThat(none.size()).isEqualTo(10);
    assertThat(none.root()).isEqualTo(MerkleTree.treeHash(10, store));
  }

  @Test
  void emptyTreeHashIsSha256OfNothingWithoutReads() {
    MapHashReader store = new MapHashReader();
    assertThat(MerkleTree.treeHash(0, store)).isEqualTo(Hashing.emptyRoot());
    assertThat(MerkleTree.integrate(0, List.of(), store).root()).isEqualTo(Hashing.emptyRoot());
    assertThat(store.calls()).isZero();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 1000, 1023, 1024, 2047, 3001})
  void readsTheOldTreeEdgeOnceOnly(long oldSize) {
    MapHashReader store = Leaves.store(oldSize);
    store.resetCounts();
    MerkleTree.integrate(oldSize, Leaves.range(oldSize, oldSize + 1500), store);
    assertThat(store.calls()).isEqualTo(1);
    assertThat(store.indexesRead()).isEqualTo(Long.bitCount(oldSize));
    store.resetCounts();
    MerkleTree.treeHash(oldSize, store);
    assertThat(store.calls()).isEqualTo(1);
    assertThat(store.indexesRead()).isEqualTo(Long.bitCount(oldSize));
  }

  @Test
  void holdsTheReaderToOneHashPerIndex() {
    HashReader shortReader = indexes -> List.of();
    assertThatIllegalStateException().isThrownBy(() -> MerkleTree.treeHash(3, shortReader));
    assertThatIllegalStateException()
        .isThrownBy(() -> MerkleTree.integrate(3, List.of(Leaves.leaf(3)), shortReader));
  }

  @Test
  void rejectsBadSizes() {
    MapHashReader store = new MapHashReader();
    assertThatIllegalArgumentException().isThrownBy(() -> MerkleTree.treeHash(-1, store));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MerkleTree.integrate(-1, List.of(Leaves.leaf(0)), store));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> MerkleTree.integrate(NodeId.MAX_TREE_SIZE, List.of(Leaves.leaf(0)), store));
  }
}
