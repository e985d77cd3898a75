package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.record.RecordCodec;
import org.rmbt.ledger.core.verify.ProofBundle;
import org.rmbt.ledger.core.verify.ProofBundleCodec;
import org.rmbt.ledger.node.cli.Rmbt;
import org.rmbt.ledger.node.cli.RmbtRun;
import org.rmbt.ledger.proto.AnchorReceipt;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;

/**
 * End to end on a real anvil chain: a compliance node anchors, logs the receipt (signed by the
 * witness), serves bundles carrying the anchor, and {@code rmbt verify --rpc} checks it on chain.
 */
class NodeAnchoringTest {
  private static final long CHAIN = 31_401;

  @Test
  void nodeAnchorsReceiptsAndVerifierChecksTheChain(@TempDir Path dir) throws Exception {
    try (AnvilChain chain = AnvilChain.start(CHAIN);
        AnchoredNode node = new AnchoredNode(dir, chain, 8)) {
      node.appendSampleThrough("register witness-gb");
      long anchored = node.appended();
      ProofBundle bundle = awaitAnchoredBundle(node, anchored);

      ProofBundle.Anchor a = bundle.anchors().get(0);
      assertThat(a.chainId()).isEqualTo(CHAIN);
      assertThat(a.registry()).isEqualToIgnoringCase(node.registry);
      assertThat(a.treeSize()).isEqualTo(anchored);
      // The receipt is the entry right after the anchored size, signed by the witness.
      ProofBundle.Entry receiptEntry = bundle.entries().get(1);
      assertThat(receiptEntry.index()).isEqualTo(anchored);
      AnchorReceipt receipt =
          (AnchorReceipt)
              RecordCodec.decodePayload(EntryCodec.decodeEntry(receiptEntry.entry()).getEnvelope());
      assertThat(receipt.getTreeSize()).isEqualTo(anchored);
      assertThat(new Hash(receipt.getRoot().toByteArray())).isEqualTo(a.root());
      // The anchored checkpoint itself is in the bundle, with its consistency proof.
      assertThat(bundle.consistency()).hasSize(1);

      Path file = dir.resolve("bundle.json");
      Files.writeString(file, ProofBundleCodec.encode(bundle));
      RmbtRun.Result offline = verify(node, file);
      assertThat(offline.code()).isEqualTo(Rmbt.OK);
      assertThat(offline.out()).contains("1 anchors not checked (offline)");
      for (String rpc : List.of(chain.rpcUrl(), CHAIN + "=" + chain.rpcUrl())) {
        RmbtRun.Result ok = verify(node, file, "--rpc", rpc);
        assertThat(ok.code()).as(ok.err()).isEqualTo(Rmbt.OK);
        assertThat(ok.out()).contains("1 anchors verified on chain");
      }
      RmbtRun.Result other = verify(node, file, "--rpc", "1=" + chain.rpcUrl());
      assertThat(other.out()).contains("0 anchors verified on chain, 1 not checked");
    }
  }

  @Test
  void bundleWhoseAnchorPointsAtAnotherRootFails(@TempDir Path dir) throws Exception {
    try (AnvilChain chain = AnvilChain.start(CHAIN + 1);
        AnchoredNode node = new AnchoredNode(dir, chain, 8)) {
      node.appendSampleThrough("register witness-gb");
      ProofBundle bundle = awaitAnchoredBundle(node, node.appended());
      ProofBundle.Anchor a = bundle.anchors().get(0);
      Hash other = new Hash(Registries.bytes32(7));
      ProofBundle altered =
          withAnchor(
              bundle,
              new ProofBundle.Anchor(
                  a.chainId(), a.registry(), a.txHash(), a.blockNumber(), a.treeSize(), other));
      Path file = dir.resolve("altered.json");
      Files.writeString(file, ProofBundleCodec.encode(altered));
      RmbtRun.Result r = verify(node, file, "--rpc", chain.rpcUrl());
      assertThat(r.code()).isEqualTo(Rmbt.VERIFICATION_FAILED);
      assertThat(r.err())
          .contains("anchors[0] (chain " + chain.chainId() + ")")
          .contains("anchors root " + other.base64())
          .contains("but the log signed root " + a.root().base64());
      // Without the consistency proof from the anchored checkpoint, the anchor is unproven.
      Files.writeString(file, ProofBundleCodec.encode(withConsistency(bundle, List.of())));
      RmbtRun.Result missing = verify(node, file, "--rpc", chain.rpcUrl());
      assertThat(missing.code()).isEqualTo(Rmbt.VERIFICATION_FAILED);
      assertThat(missing.err()).contains("no consistency proof from the anchored checkpoint");
    }
  }

  @Test
  void restartedNodeNeitherAnchorsNorReceiptsTwice(@TempDir Path dir) throws Exception {
    try (AnvilChain chain = AnvilChain.start(CHAIN + 2)) {
      String registry;
      long anchored;
      try (AnchoredNode node = new AnchoredNode(dir, chain, 8)) {
        node.appendSampleThrough("register witness-gb");
        anchored = node.appended();
        awaitAnchoredBundle(node, anchored);
        registry = node.registry;
      }
      try (AnchoredNode again = new AnchoredNode(dir, chain, registry, 8)) {
        AnvilChain.sleep(1500); // many rounds of the service at 100 ms
        ProofBundle b = awaitAnchoredBundle(again, anchored);
        assertThat(b.checkpoint().lines().skip(1).findFirst().orElseThrow())
            .as("log size: the entries and one receipt")
            .isEqualTo(Long.toString(anchored + 1));
        assertThat(b.anchors()).hasSize(1);
        assertThat(b.anchors().get(0).treeSize()).isEqualTo(anchored);
        assertThat(anchoredEvents(chain, registry)).isEqualTo(1);
      }
    }
  }

  @Test
  void anchorWhoseReceiptWasRefusedIsReceiptedAfterRestart(@TempDir Path dir) throws Exception {
    try (AnvilChain chain = AnvilChain.start(CHAIN + 3)) {
      String registry = AnchoredNode.deployRegistry(chain);
      long anchored;
      // A certification body may not sign receipts: the chain takes the anchor, the log refuses it.
      try (AnchoredNode node = new AnchoredNode(dir, chain, registry, 8, "cb-gb")) {
        node.appendSampleThrough("register witness-gb");
        anchored = node.appended();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (anchoredEvents(chain, registry) == 0 && System.nanoTime() < deadline) {
          AnvilChain.sleep(100);
        }
        assertThat(anchoredEvents(chain, registry)).isEqualTo(1);
        AnvilChain.sleep(500); // the service's rounds try to receipt it, and fail
        ProofBundle before = bundle(node, 0);
        assertThat(before.anchors()).isEmpty();
        assertThat(before.checkpoint().lines().skip(1).findFirst().orElseThrow())
            .isEqualTo(Long.toString(anchored));
      }
      try (AnchoredNode again = new AnchoredNode(dir, chain, registry, 8)) {
        ProofBundle b = awaitAnchoredBundle(again, anchored);
        assertThat(b.anchors().get(0).treeSize()).isEqualTo(anchored);
        assertThat(b.checkpoint().lines().skip(1).findFirst().orElseThrow())
            .isEqualTo(Long.toString(anchored + 1));
        assertThat(anchoredEvents(chain, registry)).as("not sent again").isEqualTo(1);
        Path file = dir.resolve("resumed.json");
        Files.writeString(file, ProofBundleCodec.encode(b));
        assertThat(verify(again, file, "--rpc", chain.rpcUrl()).code()).isEqualTo(Rmbt.OK);
      }
    }
  }

  private static long anchoredEvents(AnvilChain chain, String registry) throws Exception {
    EthFilter f =
        new EthFilter(
            DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, registry);
    f.addSingleTopic(AnchoredEvent.TOPIC);
    return chain.web3j().ethGetLogs(f).send().getLogs().size();
  }

  static RmbtRun.Result verify(AnchoredNode node, Path file, String... more) {
    List<String> args =
        new java.util.ArrayList<>(List.of("verify", file.toString(), "--log-key", node.logKey()));
    args.addAll(List.of(more));
    return RmbtRun.run(args.toArray(String[]::new));
  }

  /** Polls `rmbt bundle` for entry 0 and the receipt entry until the anchor is in the log. */
  static ProofBundle awaitAnchoredBundle(AnchoredNode node, long anchored) throws Exception {
    Path out = node.dir.resolve("fetched.json");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      RmbtRun.Result r =
          RmbtRun.run(
              "bundle",
              "--index",
              "0",
              "--index",
              Long.toString(anchored),
              "--out",
              out.toString(),
              "--node",
              node.node());
      if (r.code() == Rmbt.OK) {
        ProofBundle b = ProofBundleCodec.decode(Files.readString(out));
        if (!b.anchors().isEmpty()) {
          return b;
        }
      }
      AnvilChain.sleep(200);
    }
    throw new AssertionError("no anchor receipt in the log within 60 s");
  }

  private static ProofBundle bundle(AnchoredNode node, long index) throws Exception {
    Path out = node.dir.resolve("one.json");
    RmbtRun.Result r =
        RmbtRun.run(
            "bundle",
            "--index",
            Long.toString(index),
            "--out",
            out.toString(),
            "--node",
            node.node());
    assertThat(r.code()).as(r.err()).isEqualTo(Rmbt.OK);
    return ProofBundleCodec.decode(Files.readString(out));
  }

  static ProofBundle withAnchor(ProofBundle b, ProofBundle.Anchor a) {
    return new ProofBundle(
        b.logKey(),
        b.checkpoint(),
        b.entries(),
        b.consistency(),
        b.witnesses(),
        b.witnessQuorum(),
        List.of(a));
  }

  private static ProofBundle withConsistency(ProofBundle b, List<ProofBundle.Consistency> c) {
    return new ProofBundle(
        b.logKey(), b.checkpoint(), b.entries(), c, b.witnesses(), b.witnessQuorum(), b.anchors());
  }
}
