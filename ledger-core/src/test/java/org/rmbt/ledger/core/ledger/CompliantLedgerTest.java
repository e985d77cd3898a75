package org.rmbt.ledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.record.CertificateStatus;
import org.rmbt.ledger.core.record.CertificateStatusCalculator;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.record.RecordRuleException;
import org.rmbt.ledger.core.record.SampleData;
import org.rmbt.ledger.core.record.UnknownSignerException;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.LedgerEntry;
import org.rmbt.ledger.proto.SubjectLink;

/** The sample certification story through a real ledger on RocksDB with the compliance rules. */
class CompliantLedgerTest {
  static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private final AtomicLong clock = new AtomicLong(START);
  private final SampleData.Sample sample = SampleData.generate(new Random(42), START);

  private Ledger open(Path dir, CompliancePolicy policy) {
    return Ledger.open(
        RocksLogStore.open(dir), TestLog.signer(), policy, clock::get, LedgerConfig.DEFAULT);
  }

  /** Appends every sample step in order, each at its own time; returns the leaf hashes. */
  private List<Hash> appendSample(Ledger ledger) throws Exception {
    List<Hash> leaves = new ArrayList<>();
    for (SampleData.Step step : sample.steps()) {
      clock.set(step.integratedAt());
      AppendResult r = ledger.append(step.envelope(leaves).toByteArray()).get();
      assertThat(r.index()).as(step.label()).isEqualTo(leaves.size());
      leaves.add(r.leafHash());
    }
    return leaves;
  }

  @Test
  void sampleStoryIsAdmittedLinkedAndIndexedBySubject(@TempDir Path dir) throws Exception {
    CompliancePolicy policy = new CompliancePolicy();
    try (Ledger ledger = open(dir, policy)) {
      List<Hash> leaves = appendSample(ledger);
      String cert = "cert:" + SampleData.JOINT_CERTIFICATE;
      List<Long> about = ledger.view().entriesAbout(cert, 0, 100);
      assertThat(about).hasSize(2);
      // The per-subject chain: the SUSPEND links back to the GRANT, the GRANT to nothing.
      assertThat(link(ledger, about.get(0), cert).getPrevLeafHash().isEmpty()).isTrue();
      assertThat(link(ledger, about.get(1), cert).getPrevLeafHash().toByteArray())
          .isEqualTo(leaves.get(about.get(0).intValue()).bytes());
      assertThat(
              CertificateStatusCalculator.statusAt(
                      policy.state().decisions(SampleData.JOINT_CERTIFICATE),
                      leaves.size(),
                      clock.get())
                  .orElseThrow())
          .isEqualTo(CertificateStatus.SUSPENDED);
    }
  }

  @Test
  void reopenReplaysTheRegistryAndRefusedRecordsChangeNothing(@TempDir Path dir) throws Exception {
    List<Hash> leaves;
    try (Ledger ledger = open(dir, new CompliancePolicy())) {
      leaves = appendSample(ledger);
    }
    CompliancePolicy replayed = new CompliancePolicy();
    try (Ledger ledger = open(dir, replayed)) {
      assertThat(replayed.state().size()).isEqualTo(sample.steps().size());
      long before = ledger.view().latestCheckpoint().checkpoint().size();
      // The joint GRANT again: certificate already granted, so the rules refuse it.
      int grant = indexOf("joint");
      Envelope again = sample.steps().get(grant).envelope(leaves.subList(0, grant));
      Throwable t = catchThrowable(() -> ledger.append(resigned(again)).get());
      assertThat(t).isInstanceOf(ExecutionException.class);
      assertThat(t.getCause()).isInstanceOf(RecordRuleException.class);
      assertThat(ledger.view().latestCheckpoint().checkpoint().size()).isEqualTo(before);
      // A signer nobody registered is refused before it reaches the sequencer.
      byte[] stranger =
          org.rmbt.ledger.core.record.Dsse.seal(
                  again.getPayloadType(),
                  again.getPayload().toByteArray(),
                  org.rmbt.ledger.core.testing.DemoEnvelopes.key(77))
              .toByteArray();
      assertThat(catchThrowable(() -> ledger.append(stranger)))
          .isInstanceOf(UnknownSignerException.class);
    }
  }

  /** The same record signed again in the other order: a new envelope, not a duplicate. */
  private byte[] resigned(Envelope env) {
    return org.rmbt.ledger.core.record.Dsse.seal(
            env.getPayloadType(),
            env.getPayload().toByteArray(),
            sample.keys().get("cb-gb"),
            sample.keys().get("cb-eu"))
        .toByteArray();
  }

  private int indexOf(String labelPart) {
    for (int i = 0; i < sample.steps().size(); i++) {
      if (sample.steps().get(i).label().toLowerCase().contains(labelPart)) {
        return i;
      }
    }
    throw new AssertionError("no sample step labelled " + labelPart);
  }

  private static SubjectLink link(Ledger ledger, long index, String subject) throws Exception {
    byte[] bytes = ledger.view().entries(index, 1).get(0);
    LedgerEntry entry = EntryCodec.decodeEntry(bytes);
    assertThat(Hashing.leaf(bytes)).isNotNull();
    return entry.getSubjectLinksList().stream()
        .filter(l -> l.getSubject().equals(subject))
        .findFirst()
        .orElseThrow();
  }
}
