package org.rmbt.ledger.core.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.ledger.EntryPolicy;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.core.ledger.LedgerConfig;
import org.rmbt.ledger.core.ledger.LogSigner;
import org.rmbt.ledger.core.record.SampleData;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.core.testing.DemoEnvelopes;
import org.rmbt.ledger.proto.Envelope;

/** The sample certification story in a real ledger on RocksDB, for the provenance tests. */
final class SampleLedger implements AutoCloseable {
  static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  static final SignerKey LOG_KEY = SignerKey.of("provenance.example/log", DemoEnvelopes.key(21));
  static final SampleData.Sample SAMPLE = SampleData.generate(new Random(42), START);

  final Ledger ledger;
  final List<Hash> leaves = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong(START);

  SampleLedger(Path dir, EntryPolicy policy) {
    ledger =
        Ledger.open(
            RocksLogStore.open(dir),
            new LogSigner(LOG_KEY),
            policy,
            clock::get,
            LedgerConfig.DEFAULT);
  }

  /** Appends sample steps [0, count) in order, each at its own time. */
  SampleLedger appendSteps(int count) throws Exception {
    for (SampleData.Step step : SAMPLE.steps().subList(0, count)) {
      append(step.envelope(leaves), step.integratedAt());
    }
    return this;
  }

  void append(Envelope env, long integratedAt) throws Exception {
    clock.set(integratedAt);
    leaves.add(ledger.append(env.toByteArray()).get().leafHash());
  }

  ProvenanceAssembler assembler() {
    return new ProvenanceAssembler(ledger.view(), LOG_KEY.verifierKey().encode());
  }

  static ProvenanceVerifier verifier() {
    return new ProvenanceVerifier(BundleVerifier.trusting(LOG_KEY.verifierKey()));
  }

  /** The index of the first sample step whose label contains {@code part}. */
  static int step(String part) {
    for (int i = 0; i < SAMPLE.steps().size(); i++) {
      if (SAMPLE.steps().get(i).label().contains(part)) {
        return i;
      }
    }
    throw new AssertionError("no sample step labelled " + part);
  }

  @Override
  public void close() {
    ledger.close();
  }
}
