package org.rmbt.ledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.merkle.StoredHashes;
import org.rmbt.ledger.core.store.rocksdb.RawRocks;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.core.testing.DemoEnvelopes;
import org.rmbt.ledger.proto.LedgerEntry;

/**
 * A closed log damaged behind the store's back: the store itself opens (its own bookkeeping is
 * intact), but {@code Ledger.open} finds that the tail, the tree and the latest checkpoint
 * disagree, refuses with a message naming what disagrees, and writes nothing.
 */
class LedgerOpenCheckTest {
  /** 8 + 4 + 1: the tree is three complete subtrees, leaf 12 is the last and alone. */
  private static final int SIZE = 13;

  /** One entry per batch: a checkpoint at every size, so tests can drop the latest. */
  private static final LedgerConfig SINGLE = new LedgerConfig(1, 0, 100);

  @TempDir Path dir;

  @BeforeEach
  void writeAGoodLog() throws Exception {
    try (Ledger ledger = TestLog.open(RocksLogStore.open(dir), SINGLE)) {
      List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
      for (int n = 0; n < SIZE; n++) {
        futures.add(ledger.append(TestLog.envelope(n)));
      }
      futures.forEach(CompletableFuture::join);
      assertThat(ledger.view().latestCheckpoint().checkpoint().size()).isEqualTo(SIZE);
    }
  }

  @Test
  void undamagedLogOpensUnchanged() throws Exception {
    Map<String, Map<String, String>> before = RawRocks.dump(dir);
    try (Ledger ledger = TestLog.open(RocksLogStore.open(dir), SINGLE)) {
      assertThat(ledger.view().latestCheckpoint().checkpoint().size()).isEqualTo(SIZE);
    }
    assertThat(RawRocks.dump(dir)).isEqualTo(before);
  }

  @Test
  void checkpointSignedByAnotherKey() throws Exception {
    SignedCheckpoint good = latest();
    SignerKey other = SignerKey.of(TestLog.ORIGIN, DemoEnvelopes.key(7));
    byte[] forged = SignedCheckpoint.sign(good.checkpoint(), other).note();
    RawRocks.edit(dir, (db, f) -> db.put(f.get("checkpoints"), RawRocks.key(SIZE), forged));
    assertOpenRefused("latest checkpoint does not open");
  }

  @Test
  void checkpointOverAnotherRoot() throws Exception {
    Checkpoint good = latest().checkpoint();
    Checkpoint other = new Checkpoint(good.origin(), SIZE, Hashing.sha256(new byte[] {1}));
    byte[] note = SignedCheckpoint.sign(other, TestLog.signerKey()).note();
    RawRocks.edit(dir, (db, f) -> db.put(f.get("checkpoints"), RawRocks.key(SIZE), note));
    assertOpenRefused("stored tree root at size 13 is ");
  }

  /** Each complete subtree the root at size 13 is made of. */
  @ParameterizedTest
  @CsvSource({"3, 0", "2, 2", "0, 12"})
  void treeHashAltered(int level, long n) throws Exception {
    byte[] key = RawRocks.key(StoredHashes.storedHashIndex(level, n));
    RawRocks.edit(
        dir,
        (db, f) -> {
          byte[] hash = db.get(f.get("tree"), key);
          hash[0] ^= 1;
          db.put(f.get("tree"), key, hash);
        });
    assertOpenRefused("stored tree root at size 13 is ");
  }

  @Test
  void lastEntryBytesAltered() throws Exception {
    RawRocks.edit(
        dir,
        (db, f) -> {
          LedgerEntry entry = LedgerEntry.parseFrom(db.get(f.get("entries"), RawRocks.key(12)));
          byte[] altered =
              entry.toBuilder().setIntegratedAt(entry.getIntegratedAt() + 1).build().toByteArray();
          db.put(f.get("entries"), RawRocks.key(12), altered);
        });
    assertOpenRefused("entry 12 does not match its stored leaf hash");
  }

  @Test
  void lastEntryUndecodable() throws Exception {
    RawRocks.edit(dir, (db, f) -> db.put(f.get("entries"), RawRocks.key(12), new byte[] {-1}));
    assertOpenRefused("entry 12 does not decode");
  }

  @Test
  void lastEntryLeafIndexRemoved() throws Exception {
    RawRocks.edit(
        dir,
        (db, f) -> {
          RawRocks.ingestBacklog(db, f);
          byte[] entry = db.get(f.get("entries"), RawRocks.key(12));
          db.delete(f.get("leaf_index"), Hashing.leaf(entry).bytes());
        });
    assertOpenRefused("entry 12 is missing from the leaf index");
  }

  /**
   * Without its checkpoint, entry 12 is a tail a crash left unsigned, which open would sign: a
   * damaged tail must be refused before anything is signed over it.
   */
  @Test
  void damagedUnsignedTailIsNotSigned() throws Exception {
    RawRocks.edit(
        dir,
        (db, f) -> {
          db.delete(f.get("checkpoints"), RawRocks.key(SIZE));
          LedgerEntry entry = LedgerEntry.parseFrom(db.get(f.get("entries"), RawRocks.key(12)));
          byte[] altered = entry.toBuilder().setIndex(11).build().toByteArray();
          db.put(f.get("entries"), RawRocks.key(12), altered);
        });
    assertOpenRefused("entry 12 says index 11");
  }

  @Test
  void unsignedTailIsSignedOnOpen() throws Exception {
    SignedCheckpoint good = latest();
    RawRocks.edit(dir, (db, f) -> db.delete(f.get("checkpoints"), RawRocks.key(SIZE)));
    try (Ledger ledger = TestLog.open(RocksLogStore.open(dir), SINGLE)) {
      assertThat(ledger.view().latestCheckpoint().note()).isEqualTo(good.note());
    }
  }

  private SignedCheckpoint latest() throws Exception {
    byte[][] note = new byte[1][];
    RawRocks.edit(dir, (db, f) -> note[0] = db.get(f.get("checkpoints"), RawRocks.key(SIZE)));
    return TestLog.signer().open(note[0]);
  }

  private void assertOpenRefused(String message) throws Exception {
    Map<String, Map<String, String>> before = RawRocks.dump(dir);
    try (RocksLogStore store = RocksLogStore.open(dir)) {
      assertThatThrownBy(() -> TestLog.open(store, SINGLE))
          .isExactlyInstanceOf(LogIntegrityException.class)
          .hasMessageContaining(message);
    }
    assertThat(RawRocks.dump(dir)).isEqualTo(before);
  }
}
