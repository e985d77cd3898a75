package org.rmbt.ledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hashing;

class StoredHashesTest {
  @Test
  void firstIndexesFollowAppendOrder() {
    // Leaf 0; leaf 1 and (1,0); leaf 2; leaf 3, (1,1), (2,0); leaf 4 ...
    long[][] want = {{0, 0}, {0, 1}, {1, 0}, {0, 2}, {0, 3}, {1, 1}, {2, 0}, {0, 4}, {0, 5}};
    for (int i = 0; i < want.length; i++) {
      int level = (int) want[i][0];
      assertThat(StoredHashes.storedHashIndex(level, want[i][1])).isEqualTo(i);
      assertThat(StoredHashes.splitStoredHashIndex(i)).isEqualTo(new NodeId(level, want[i][1]));
    }
  }

  @Test
  void integrationWritesExactlyTheIndexesCountedInOrder() {
    MapHashReader store = new MapHashReader();
    List<Long> written = new ArrayList<>();
    for (long n = 0; n < 2000; n++) {
      Integration step = store.append(n, List.of(Hashing.leaf(new byte[] {(byte) n})));
      step.toWrite().forEach(s -> written.add(s.index()));
      assertThat(written).hasSize((int) StoredHashes.storedHashCount(n + 1));
    }
    for (int i = 0; i < written.size(); i++) {
      assertThat(written.get(i)).isEqualTo(i);
    }
  }

  @Property
  void splitInvertsIndex(
      @ForAll @IntRange(min = 0, max = 62) int level, @ForAll @LongRange(min = 0) long raw) {
    long n = raw % (NodeId.MAX_TREE_SIZE >> level);
    long index = StoredHashes.storedHashIndex(level, n);
    assertThat(StoredHashes.splitStoredHashIndex(index)).isEqualTo(new NodeId(level, n));
  }

  @Property
  void indexInvertsSplit(@ForAll @LongRange(min = 0, max = (1L << 62) - 1) long leaves) {
    long index = StoredHashes.storedHashCount(leaves);
    NodeId node = StoredHashes.splitStoredHashIndex(index);
    assertThat(StoredHashes.storedHashIndex(node)).isEqualTo(index);
    // The next hash stored after a tree of n leaves is leaf n's.
    assertThat(node).isEqualTo(new NodeId(0, leaves));
  }

  @Test
  void countIsAboutTwiceTheLeaves() {
    assertThat(StoredHashes.storedHashCount(0)).isZero();
    assertThat(StoredHashes.storedHashCount(1)).isEqualTo(1);
    assertThat(StoredHashes.storedHashCount(8)).isEqualTo(15);
    assertThat(StoredHashes.storedHashCount(NodeId.MAX_TREE_SIZE)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void rejectsOutOfRange() {
    assertThatIllegalArgumentException().isThrownBy(() -> StoredHashes.storedHashIndex(-1, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> StoredHashes.storedHashIndex(63, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> StoredHashes.storedHashIndex(0, -1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StoredHashes.storedHashIndex(1, NodeId.MAX_TREE_SIZE / 2));
    assertThatIllegalArgumentException().isThrownBy(() -> StoredHashes.splitStoredHashIndex(-1));
    assertThatIllegalArgumentException().isThrownBy(() -> StoredHashes.storedHashCount(-1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StoredHashes.storedHashCount(NodeId.MAX_TREE_SIZE + 1));
  }
}
