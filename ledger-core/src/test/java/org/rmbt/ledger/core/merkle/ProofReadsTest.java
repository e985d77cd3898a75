package org.rmbt.ledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;

/** Proof generation reads O(log n) stored hashes in exactly one {@link HashReader} call. */
class ProofReadsTest {
  private static final int SIZE = 10_000;
  private static MapHashReader store;

  @BeforeAll
  static void build() {
    store = Leaves.store(SIZE);
  }

  /** 2⌈log2 n⌉ + 2, the bound the proofs must stay within. */
  private static long bound(long n) {
    int ceilLog2 = 64 - Long.numberOfLeadingZeros(n - 1);
    return 2L * ceilLog2 + 2;
  }

  @Test
  void everyInclusionProofAtTenThousandIsOneSmallRead() {
    for (long index = 0; index < SIZE; index++) {
      store.resetCounts();
      Proofs.inclusion(index, SIZE, store);
      assertThat(store.calls()).isEqualTo(1);
      assertThat(store.indexesRead()).as("leaf %d", index).isLessThanOrEqualTo(bound(SIZE));
    }
  }

  @Test
  void everyConsistencyProofToTenThousandIsOneSmallRead() {
    for (long size1 = 1; size1 < SIZE; size1++) {
      store.resetCounts();
      Proofs.consistency(size1, SIZE, store);
      assertThat(store.calls()).isEqualTo(1);
      assertThat(store.indexesRead()).as("from %d", size1).isLessThanOrEqualTo(bound(SIZE));
    }
  }

  /**
   * Counts reads for trees too big to build: the reader makes up a hash for any index the tree of
   * that size stores, and fails on any other, so only the index choice is under test.
   */
  private static final class SyntheticReader implements HashReader {
    private final long stored;
    private int calls;
    private long indexesRead;

    SyntheticReader(long size) {
      this.stored = StoredHashes.storedHashCount(size);
    }

    @Override
    public List<Hash> readHashes(long[] storedIndexes) {
      calls++;
      indexesRead += storedIndexes.length;
      List<Hash> out = new ArrayList<>();
      for (long i : storedIndexes) {
        if (i < 0 || i >= stored) {
          throw new IllegalStateException("index " + i + " is not stored in this tree");
        }
        out.add(Hashing.sha256(ByteBuffer.allocate(Long.BYTES).putLong(i).array()));
      }
      return out;
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1_000_000, 1_048_576, (1L << 40) + 12_345, NodeId.MAX_TREE_SIZE - 1})
  void bigTreesStayLogarithmic(long size) {
    long[] picks = {0, 1, size / 3, size / 2, size - 2, size - 1};
    for (long p : picks) {
      SyntheticReader r = new SyntheticReader(size);
      Proofs.inclusion(p, size, r);
      assertThat(r.calls).isEqualTo(1);
      assertThat(r.indexesRead).as("leaf %d of %d", p, size).isLessThanOrEqualTo(bound(size));
      if (p > 0) {
        SyntheticReader c = new SyntheticReader(size);
        Proofs.consistency(p, size, c);
        assertThat(c.calls).isEqualTo(1);
        assertThat(c.indexesRead).as("%d -> %d", p, size).isLessThanOrEqualTo(bound(size));
      }
      SyntheticReader t = new SyntheticReader(size);
      MerkleTree.treeHash(size, t);
      assertThat(t.indexesRead).isEqualTo(Long.bitCount(size));
    }
  }
}
