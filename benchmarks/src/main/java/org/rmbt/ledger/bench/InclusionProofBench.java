package org.rmbt.ledger.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.merkle.Proofs;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;

/**
 * An inclusion proof for a random leaf of the whole log, read from a RocksLogStore that the
 * benchmark main built and closed (RocksDB lets one process open it at a time).
 */
@State(Scope.Benchmark)
public class InclusionProofBench {
  @Param("")
  public String dir;

  private RocksLogStore store;
  private long size;
  private final SplittableRandom random = new SplittableRandom(42);

  @Setup
  public void open() {
    store = RocksLogStore.open(Path.of(dir));
    size = store.size();
  }

  @TearDown
  public void close() {
    store.close();
  }

  @Benchmark
  public List<Hash> prove() {
    return Proofs.inclusion(random.nextLong(size), size, store);
  }
}
