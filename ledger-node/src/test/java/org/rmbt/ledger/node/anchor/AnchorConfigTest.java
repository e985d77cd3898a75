package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.node.config.AnchorConfig;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.node.config.NodeConfigCodec;
import org.rmbt.ledger.node.grpc.LedgerServer;

/** The {@code anchor.*} keys of node.conf: parsed strictly, every error naming its key. */
class AnchorConfigTest {
  private static final Path BASE = Path.of("/etc/rmbt");
  private static final String NODE = "data_dir = log\nlog_key_file = log.key\n";
  private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  private static final String TWO_CHAINS =
      NODE
          + "anchor.receipt_key_file = witness.key\n"
          + "anchor.every_entries = 50\n"
          + "anchor.every_seconds = 600\n"
          + "anchor.chain.31337.rpc_url = http://127.0.0.1:8545\n"
          + "anchor.chain.31337.registry = "
          + REGISTRY
          + "\n"
          + "anchor.chain.31337.key_file = keys/eu.hex\n"
          + "anchor.chain.31337.confirmations = 3\n"
          + "anchor.chain.1.rpc_url = https://rpc.example\n"
          + "anchor.chain.1.registry = "
          + REGISTRY
          + "\n"
          + "anchor.chain.1.key_file = /secrets/gb.hex\n"
          + "anchor.chain.1.finalized = true\n";

  private static NodeConfig decode(String text) throws MalformedException {
    return NodeConfigCodec.decode(NodeConfigCodec.parse(text), BASE);
  }

  @Test
  void twoChainsWithPolicyAndReceiptKey() throws Exception {
    AnchorConfig a = decode(TWO_CHAINS).anchor().orElseThrow();
    assertThat(a.chainIds()).containsExactly(1L, 31337L);
    assertThat(a.policy()).isEqualTo(new AnchorPolicy(50, Duration.ofSeconds(600)));
    assertThat(a.receiptKeyFile()).isEqualTo(Path.of("/etc/rmbt/witness.key"));
    assertThat(a.poll()).isEqualTo(Duration.ofSeconds(1));
    AnchorConfig.Chain gb = a.chains().get(0);
    assertThat(gb.finality()).isEqualTo(Finality.finalized());
    assertThat(gb.keyFile()).isEqualTo(Path.of("/secrets/gb.hex"));
    AnchorConfig.Chain eu = a.chains().get(1);
    assertThat(eu.rpcUrl()).isEqualTo("http://127.0.0.1:8545");
    assertThat(eu.registry()).isEqualTo(REGISTRY);
    assertThat(eu.keyFile()).isEqualTo(Path.of("/etc/rmbt/keys/eu.hex"));
    assertThat(eu.finality()).isEqualTo(Finality.confirmations(3));
  }

  @Test
  void noAnchorKeysNoAnchoring() throws Exception {
    assertThat(decode(NODE).anchor()).isEmpty();
  }

  @Test
  void badKeysAndValuesNameTheKey() {
    assertFails(TWO_CHAINS + "anchor.every_block = 1\n", "anchor.every_block", "unknown key");
    assertFails(TWO_CHAINS + "anchor.chain.1.gas = 1\n", "anchor.chain.1.gas", "unknown key");
    assertFails(TWO_CHAINS + "anchor.chain.01.rpc_url = x\n", "anchor.chain.01.rpc_url", "unknown");
    assertFails(
        TWO_CHAINS.replace("every_entries = 50", "every_entries = 050"),
        "anchor.every_entries",
        "canonical");
    assertFails(
        TWO_CHAINS.replace("anchor.receipt_key_file = witness.key\n", ""),
        "anchor.receipt_key_file",
        "required");
    assertFails(
        TWO_CHAINS.replace(
            "anchor.chain.1.registry = " + REGISTRY, "anchor.chain.1.registry = 0x12"),
        "anchor.chain.1.registry",
        "address");
    assertFails(
        TWO_CHAINS.replace("anchor.chain.31337.key_file = keys/eu.hex\n", ""),
        "anchor.chain.31337.key_file",
        "required");
    assertFails(
        TWO_CHAINS + "anchor.chain.1.confirmations = 2\n",
        "anchor.chain.1.confirmations",
        "either");
    assertFails(
        TWO_CHAINS.replace("finalized = true", "finalized = yes"),
        "anchor.chain.1.finalized",
        "true or false");
    assertFails(NODE + "anchor.every_entries = 5\n", "anchor.chain", "no anchor.chain");
    assertFails(TWO_CHAINS + "anchor.every_seconds = 5\n", "anchor.every_seconds", "set twice");
  }

  @Test
  void anchoringNeedsTheCompliancePolicy() {
    // Receipts must be admitted (signed by a WITNESS or REGULATOR) and indexed by subject.
    // A plain signed log (fixed signer keys) cannot admit them.
    var plain =
        new org.rmbt.ledger.core.ledger.SignerKeyPolicy(
            org.rmbt.ledger.core.record.SignerKeyRing.of(java.util.List.of()));
    assertThatThrownBy(() -> LedgerServer.start(decode(TWO_CHAINS), plain))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("anchor.receipt_key_file")
        .hasMessageContaining("compliance policy");
  }

  private static void assertFails(String text, String key, String why) {
    assertThatThrownBy(() -> decode(text))
        .isInstanceOf(MalformedException.class)
        .satisfies(e -> assertThat(((MalformedException) e).field()).isEqualTo(key))
        .hasMessageContaining(why);
  }
}
