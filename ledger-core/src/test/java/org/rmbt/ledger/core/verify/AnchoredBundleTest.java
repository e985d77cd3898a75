package org.rmbt.ledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.ledger.CompliancePolicy;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.core.ledger.LedgerConfig;
import org.rmbt.ledger.core.ledger.LogSigner;
import org.rmbt.ledger.core.record.RecordCodec;
import org.rmbt.ledger.core.record.SampleData;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.proto.AnchorReceipt;

/**
 * A compliance log holding a witness's {@code AnchorReceipt}: bundles carry the anchor and the
 * anchored checkpoint with its consistency proof; a verifier ties the anchor to that checkpoint.
 */
class AnchoredBundleTest {
  static final long START = 1_767_225_600_000L;
  static final long CHAIN = 31_337;
  static final SignerKey LOG_KEY =
      SignerKey.of("anchored.example/log", Ed25519PrivateKey.fromSeed(new byte[32]));

  private final AtomicLong clock = new AtomicLong(START);
  private final SampleData.Sample sample = SampleData.generate(new Random(42), START);

  @Test
  void bundlesCarryTheLatestReceiptAndItsConsistency(@TempDir Path dir) throws Exception {
    CompliancePolicy policy = new CompliancePolicy();
    try (Ledger ledger =
        Ledger.open(
            RocksLogStore.open(dir),
            new LogSigner(LOG_KEY),
            policy,
            clock::get,
            LedgerConfig.DEFAULT)) {
      long anchored = appendParticipants(ledger);
      SignedCheckpoint cp = ledger.view().latestCheckpoint();
      ledger.append(receipt(anchored, cp.checkpoint().root()).toByteArray()).get();
      String logKey = LOG_KEY.verifierKey().encode();
      BundleVerifier verifier = BundleVerifier.trusting(LOG_KEY.verifierKey());

      ProofBundle b =
          new BundleAssembler(ledger.view(), logKey, List.of(CHAIN, 5L))
              .assemble(new TreeSet<>(List.of(0L)), new TreeSet<>());
      assertThat(b.anchors()).hasSize(1);
      ProofBundle.Anchor a = b.anchors().get(0);
      assertThat(a.treeSize()).isEqualTo(anchored);
      assertThat(a.root()).isEqualTo(cp.checkpoint().root());
      assertThat(a.registry()).isEqualTo("0x" + "11".repeat(20));
      assertThat(b.consistency()).hasSize(1);
      verifier.verify(b);
      assertThat(verifier.anchoredCheckpoint(b, a).checkpoint()).isEqualTo(cp.checkpoint());

      ProofBundle.Anchor other =
          new ProofBundle.Anchor(
              a.chainId(), a.registry(), a.txHash(), a.blockNumber(), a.treeSize(), hash(9));
      assertThatThrownBy(() -> verifier.anchoredCheckpoint(b, other))
          .isInstanceOf(LogVerificationException.class)
          .hasMessageContaining("but the log signed root " + a.root().base64());
      assertProvenanceBundleCarries(ledger, policy, a);
    }
  }

  private void assertProvenanceBundleCarries(
      Ledger ledger, CompliancePolicy policy, ProofBundle.Anchor a) throws Exception {
    ProofBundle p =
        new ProvenanceAssembler(ledger.view(), LOG_KEY.verifierKey().encode(), List.of(CHAIN))
            .forModel(policy.state(), SampleData.ASSIST.getModelId(), clock.get(), new TreeSet<>());
    assertThat(p.anchors()).containsExactly(a);
    BundleVerifier.trusting(LOG_KEY.verifierKey()).anchoredCheckpoint(p, a);
  }

  private long appendParticipants(Ledger ledger) throws Exception {
    List<Hash> leaves = new ArrayList<>();
    for (SampleData.Step step : sample.steps()) {
      clock.set(step.integratedAt());
      leaves.add(ledger.append(step.envelope(leaves).toByteArray()).get().leafHash());
      if (step.label().equals("register witness-gb")) {
        return leaves.size();
      }
    }
    throw new AssertionError("the sample registers witness-gb");
  }

  private org.rmbt.ledger.proto.Envelope receipt(long size, Hash root) {
    AnchorReceipt r =
        AnchorReceipt.newBuilder()
            .setChainId(CHAIN)
            .setRegistryAddress(ByteString.copyFrom(fill(20, 0x11)))
            .setTxHash(ByteString.copyFrom(fill(32, 0x22)))
            .setBlockNumber(5)
            .setBlockHash(ByteString.copyFrom(fill(32, 0x33)))
            .setTreeSize(size)
            .setRoot(ByteString.copyFrom(root.bytes()))
            .build();
    return RecordCodec.seal(r, sample.keys().get("witness-gb"));
  }

  private static Hash hash(int b) {
    return new Hash(fill(32, b));
  }

  private static byte[] fill(int n, int b) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }
}
