package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.node.anchor.NodeAnchoringTest.awaitAnchoredBundle;
import static org.rmbt.ledger.node.anchor.NodeAnchoringTest.verify;
import static org.rmbt.ledger.node.anchor.NodeAnchoringTest.withAnchor;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.verify.ProofBundle;
import org.rmbt.ledger.core.verify.ProofBundleCodec;
import org.rmbt.ledger.node.cli.Rmbt;
import org.rmbt.ledger.node.cli.RmbtRun;

/**
 * Issue 7: a bundle's anchor carries the anchored checkpoint note, and {@code rmbt verify --rpc}
 * checks its log signature, its size and root against the anchor's, and its SHA-256 against the
 * chain's {@code checkpointHash} (real node, RocksDB, anvil).
 */
class AnchoredNoteTest {
  private static final long CHAIN = 31_451;

  @Test
  void anAlteredOrSwappedAnchoredNoteFails(@TempDir Path dir) throws Exception {
    try (AnvilChain chain = AnvilChain.start(CHAIN);
        AnchoredNode node = new AnchoredNode(dir, chain, 8)) {
      node.appendSampleThrough("register witness-gb");
      ProofBundle bundle = awaitAnchoredBundle(node, 8);
      ProofBundle.Anchor a = bundle.anchors().get(0);
      String note = a.checkpoint().orElseThrow();
      assertThat(note.lines().skip(1).findFirst().orElseThrow()).isEqualTo("8");
      assertThat(note.lines().filter(l -> l.startsWith("\u2014 ")).count())
          .as("the log's signature only")
          .isEqualTo(1);
      Path file = dir.resolve("bundle.json");
      Files.writeString(file, ProofBundleCodec.encode(bundle));
      RmbtRun.Result ok = verify(node, file, "--rpc", chain.rpcUrl());
      assertThat(ok.code()).as(ok.err()).isEqualTo(Rmbt.OK);
      assertThat(ok.out()).contains("1 anchors verified on chain");

      String otherRoot = new Hash(Registries.bytes32(9)).base64();
      String altered = note.replace(a.root().base64(), otherRoot);
      assertThat(altered).isNotEqualTo(note);
      RmbtRun.Result forged = verifyWithNote(node, dir, bundle, a, altered, chain);
      assertThat(forged.code()).isEqualTo(Rmbt.VERIFICATION_FAILED);
      assertThat(forged.err()).contains("anchors[0]").contains("anchors.checkpoint");

      RmbtRun.Result swapped = verifyWithNote(node, dir, bundle, a, bundle.checkpoint(), chain);
      assertThat(swapped.code()).isEqualTo(Rmbt.VERIFICATION_FAILED);
      assertThat(swapped.err()).contains("its checkpoint note is of size 9");

      // A model's provenance bundle from the node carries the anchor too, and it verifies.
      node.appendSampleThrough("model acme-assist@1.0.0");
      Path provenance = dir.resolve("provenance.json");
      RmbtRun.Result fetched =
          RmbtRun.run(
              "bundle",
              "--model",
              "acme-assist",
              "--out",
              provenance.toString(),
              "--node",
              node.node());
      assertThat(fetched.code()).as(fetched.err()).isEqualTo(Rmbt.OK);
      ProofBundle p = ProofBundleCodec.decode(Files.readString(provenance));
      assertThat(p.anchors()).hasSize(1);
      assertThat(p.anchors().get(0).checkpoint()).contains(note);
      RmbtRun.Result checked = verify(node, provenance, "--rpc", chain.rpcUrl());
      assertThat(checked.code()).as(checked.err()).isEqualTo(Rmbt.OK);
      assertThat(checked.out()).contains("1 anchors verified on chain");
    }
  }

  @Test
  void anOnChainCheckpointHashOtherThanTheNotesFails(@TempDir Path dir) throws Exception {
    try (AnvilChain chain = AnvilChain.start(CHAIN + 1);
        AnchoredNode node = new AnchoredNode(dir, chain, 1000)) {
      node.appendSampleThrough("register witness-gb");
      // The submitter key anchors the log's real (8, root) but with another checkpoint hash; the
      // node finds that anchor on chain and receipts it.
      Registries.as(chain, node.registry, AnvilChain.SUBMITTER)
          .anchor(
              AnchorService.logId(AnchoredNode.LOG_KEY.privateKey().publicKey()).bytes(),
              BigInteger.valueOf(8),
              node.rootAt(8).bytes(),
              Registries.bytes32(0x77))
          .send();
      ProofBundle bundle = awaitAnchoredBundle(node, 8);
      Path file = dir.resolve("bundle.json");
      Files.writeString(file, ProofBundleCodec.encode(bundle));
      RmbtRun.Result r = verify(node, file, "--rpc", chain.rpcUrl());
      assertThat(r.code()).isEqualTo(Rmbt.VERIFICATION_FAILED);
      assertThat(r.err())
          .contains("anchors[0] (chain " + chain.chainId() + ")")
          .contains("anchor checkpointHash: chain holds 0x" + "77".repeat(32))
          .contains("but the anchored checkpoint note hashes to 0x");
    }
  }

  private static RmbtRun.Result verifyWithNote(
      AnchoredNode node,
      Path dir,
      ProofBundle bundle,
      ProofBundle.Anchor a,
      String note,
      AnvilChain chain)
      throws Exception {
    Path file = dir.resolve("altered.json");
    Files.writeString(
        file,
        ProofBundleCodec.encode(withAnchor(bundle, a.withCheckpoint(note))),
        StandardCharsets.UTF_8);
    return verify(node, file, "--rpc", chain.rpcUrl());
  }
}
