package org.rmbt.ledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.store.LogReader;
import org.rmbt.ledger.core.testing.DemoEnvelopes;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.LedgerEntry;

/**
 * Whole-log verification over several chunks: entries are checked on every core, yet the first bad
 * entry in index order is the one reported, exactly as a serial pass reports it.
 */
class LogVerifierTest {
  private static final int SIZE = 10_000;

  @Test
  void verifiesAValidLogAndReportsProgressPerChunk() throws Exception {
    List<byte[]> entries = chain(SIZE);
    List<Long> progress = new ArrayList<>();
    assertThat(LogVerifier.verify(reader(entries), checkpoint(entries), progress::add))
        .isEqualTo(SIZE);
    assertThat(progress).containsExactly(4096L, 8192L, 10_000L);
  }

  @Test
  void reportsTheLowestBadEntryWhateverTheFault() throws Exception {
    List<byte[]> good = chain(SIZE);
    Checkpoint cp = checkpoint(good);
    List<byte[]> bad = new ArrayList<>(good);
    bad.set(9000, new byte[] {1, 2, 3});
    bad.set(5000, reindexed(good.get(5000), 5001));
    assertThatThrownBy(() -> LogVerifier.verify(reader(bad), cp, n -> {}))
        .hasMessage("entry 5000: entry carries index 5001");
    bad.set(4095, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> LogVerifier.verify(reader(bad), cp, n -> {}))
        .hasMessageStartingWith("entry 4095: entry: ");
    List<byte[]> broken = new ArrayList<>(good);
    LedgerEntry e = LedgerEntry.parseFrom(good.get(7000));
    broken.set(
        7000,
        e.toBuilder().setPrevLeafHash(ByteString.copyFrom(new byte[32])).build().toByteArray());
    assertThatThrownBy(() -> LogVerifier.verify(reader(broken), cp, n -> {}))
        .hasMessage("entry 7000: prev_leaf_hash is not the leaf hash of entry 6999");
  }

  /**
   * Slices of a chunk are checked apart (1,024 entries each on 2 cores) and linked afterwards:
   * faults on both sides of an edge are still reported in index order.
   */
  @Test
  void reportsFaultsAtSliceEdgesInIndexOrder() throws Exception {
    List<byte[]> good = chain(SIZE);
    Checkpoint cp = checkpoint(good);
    for (int edge : new int[] {512, 1024, 2048, 4096}) {
      List<byte[]> broken = new ArrayList<>(good);
      broken.set(edge, withPrev(good.get(edge), new byte[32]));
      broken.set(edge + 1, new byte[] {1, 2, 3});
      assertThatThrownBy(() -> LogVerifier.verify(reader(broken), cp, n -> {}))
          .hasMessage(
              "entry " + edge + ": prev_leaf_hash is not the leaf hash of entry " + (edge - 1));
      broken.set(edge, new byte[] {1, 2, 3});
      assertThatThrownBy(() -> LogVerifier.verify(reader(broken), cp, n -> {}))
          .hasMessageStartingWith("entry " + edge + ": entry: ");
      broken.set(edge - 1, withPrev(good.get(edge - 1), new byte[32]));
      assertThatThrownBy(
              () -> LogVerifier.verify(reader(broken), cp, LogVerifier.Mode.HASH_ONLY, n -> {}))
          .hasMessage(
              "entry "
                  + (edge - 1)
                  + ": prev_leaf_hash is not the leaf hash of entry "
                  + (edge - 2));
    }
  }

  /** Every size around the chunk and slice edges verifies against the root by definition. */
  @Test
  void verifiesEverySizeAroundChunkAndSliceEdges() throws Exception {
    List<byte[]> entries = chain(4096 + 1025);
    for (int size :
        new int[] {1, 2, 3, 1023, 1024, 1025, 4095, 4096, 4097, 4096 + 1024, 4096 + 1025}) {
      List<byte[]> prefix = entries.subList(0, size);
      assertThat(
              LogVerifier.verify(
                  reader(prefix), checkpoint(prefix), LogVerifier.Mode.HASH_ONLY, n -> {}))
          .isEqualTo(size);
    }
  }

  private static byte[] withPrev(byte[] entry, byte[] prev) throws Exception {
    return LedgerEntry.parseFrom(entry).toBuilder()
        .setPrevLeafHash(ByteString.copyFrom(prev))
        .build()
        .toByteArray();
  }

  @Test
  void hashOnlyChecksIndexChainAndRootButNotTheRestOfTheEntry() throws Exception {
    List<byte[]> good = chain(SIZE);
    Checkpoint cp = checkpoint(good);
    assertThat(LogVerifier.verify(reader(good), cp, LogVerifier.Mode.HASH_ONLY, n -> {}))
        .isEqualTo(SIZE);
    List<byte[]> bad = new ArrayList<>(good);
    bad.set(5000, reindexed(good.get(5000), 5001));
    assertThatThrownBy(
            () -> LogVerifier.verify(reader(bad), cp, LogVerifier.Mode.HASH_ONLY, n -> {}))
        .hasMessage("entry 5000: entry carries index 5001");
    bad.set(4095, new byte[] {1, 2, 3});
    assertThatThrownBy(
            () -> LogVerifier.verify(reader(bad), cp, LogVerifier.Mode.HASH_ONLY, n -> {}))
        .hasMessageStartingWith("entry 4095: entry.prev_leaf_hash: ");
    // A last entry whose envelope is gone: FULL refuses the entry, HASH_ONLY the root it leads to.
    List<byte[]> stripped = new ArrayList<>(good);
    stripped.set(
        SIZE - 1,
        LedgerEntry.parseFrom(good.get(SIZE - 1)).toBuilder()
            .clearEnvelope()
            .build()
            .toByteArray());
    assertThatThrownBy(() -> LogVerifier.verify(reader(stripped), cp, n -> {}))
        .hasMessage("entry 9999: entry.envelope: missing");
    assertThatThrownBy(
            () -> LogVerifier.verify(reader(stripped), cp, LogVerifier.Mode.HASH_ONLY, n -> {}))
        .hasMessageStartingWith("recomputed root at size " + SIZE);
  }

  @Test
  void refusesAWrongRoot() {
    List<byte[]> entries = chain(100);
    Checkpoint cp = new Checkpoint("example.com/log", 100, Hashing.emptyRoot());
    assertThatThrownBy(() -> LogVerifier.verify(reader(entries), cp, n -> {}))
        .hasMessageStartingWith("recomputed root at size 100");
  }

  private static byte[] reindexed(byte[] entry, long index) throws Exception {
    return LedgerEntry.parseFrom(entry).toBuilder().setIndex(index).build().toByteArray();
  }

  private static List<byte[]> chain(int n) {
    Envelope env;
    try {
      env = EntryCodec.decodeEnvelope(DemoEnvelopes.envelope(DemoEnvelopes.key(1), 1));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    List<byte[]> out = new ArrayList<>();
    Hash prev = Hash.ZERO;
    for (int i = 0; i < n; i++) {
      byte[] entry =
          LedgerEntry.newBuilder()
              .setIndex(i)
              .setPrevLeafHash(ByteString.copyFrom(prev.bytes()))
              .setIntegratedAt(1_700_000_000_000L + i)
              .setEnvelope(env)
              .build()
              .toByteArray();
      out.add(entry);
      prev = Hashing.leaf(entry);
    }
    return out;
  }

  private static Checkpoint checkpoint(List<byte[]> entries) {
    RootAccumulator root = new RootAccumulator();
    entries.forEach(e -> root.add(Hashing.leaf(e)));
    return new Checkpoint("example.com/log", entries.size(), root.root());
  }

  private static LogReader reader(List<byte[]> entries) {
    return new LogReader() {
      @Override
      public long size() {
        return entries.size();
      }

      @Override
      public List<byte[]> readEntries(long from, int count) {
        return entries.subList((int) from, (int) from + count);
      }

      @Override
      public OptionalLong indexOf(Hash key) {
        throw new UnsupportedOperationException("the verifier trusts no index");
      }

      @Override
      public List<Hash> readHashes(long[] storedIndexes) {
        throw new UnsupportedOperationException("the verifier trusts no stored hash");
      }
    };
  }
}
