package org.rmbt.ledger.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.checkpoint.Cosigner;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.MalformedException;

class NodeConfigCodecTest {
  static final Path BASE = Path.of("/etc/rmbt");
  static final String SIGNER =
      SignerKey.of("auditor", Ed25519PrivateKey.fromSeed(new byte[32])).verifierKey().encode();
  static final String WITNESS =
      Cosigner.of("witness.example", Ed25519PrivateKey.fromSeed(new byte[32]))
          .verifierKey()
          .encode();

  static NodeConfig parse(String text) throws MalformedException {
    return NodeConfigCodec.decode(NodeConfigCodec.parse(text), BASE);
  }

  static String minimal() {
    return "data_dir = log\nlog_key_file = /keys/log.key\n";
  }

  @Test
  void fullFileWithDefaultsFilledIn() throws Exception {
    NodeConfig c =
        parse(
            "# a node\n"
                + minimal()
                + "listen_address = 0.0.0.0\r\n"
                + "listen_port = 7443\n\n"
                + "signer_key = "
                + SIGNER
                + "\nwitness_key = "
                + WITNESS
                + "\ntls.cert_file = tls/node.pem\ntls.key_file = tls/node.key\n"
                + "tls.client_ca_file = tls/ca.pem\ntls.require_client_auth = true\n"
                + "limits.append_rate_per_second = 50\nlimits.follow_poll_millis = 100\n");
    assertThat(c.dataDir()).isEqualTo(Path.of("/etc/rmbt/log"));
    assertThat(c.logKeyFile()).isEqualTo(Path.of("/keys/log.key"));
    assertThat(c.listenAddress()).isEqualTo("0.0.0.0");
    assertThat(c.signerKeys()).hasSize(1);
    assertThat(c.witnessKeys()).hasSize(1);
    assertThat(c.tls().orElseThrow().requireClientAuth()).isTrue();
    assertThat(c.tls().orElseThrow().clientCaFile()).contains(Path.of("/etc/rmbt/tls/ca.pem"));
    assertThat(c.limits().appendRatePerSecond()).isEqualTo(50);
    assertThat(c.limits().followPoll()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.limits().maxInboundMessageBytes())
        .isEqualTo(ServerLimits.DEFAULTS.maxInboundMessageBytes());
  }

  @Test
  void errorsNameTheKey() {
    assertError(minimal() + "listen_prot = 1\n", "listen_prot: unknown key (line 3)");
    assertError(minimal() + "data_dir = other\n", "data_dir: set twice (line 3)");
    assertError(minimal() + "listen_port =\n", "listen_port: empty value");
    assertError(minimal() + "listen_port 7443\n", "line 3: want key = value");
    assertError("log_key_file = k\n", "data_dir: required");
    assertError(minimal() + "listen_port = 70000\n", "listen_port: must be in [0, 65535]");
    assertError(minimal() + "tls.require_client_auth = yes\n", "tls.require_client_auth");
    assertError(minimal() + "witness_key = " + SIGNER + "\n", "witness_key: auditor is not");
    assertError(minimal() + "signer_key = nonsense\n", "signer_key: vkey");
    assertError(minimal() + "tls.cert_file = c.pem\n", "tls.key_file");
    assertError(
        minimal() + "tls.cert_file = c\ntls.key_file = k\ntls.require_client_auth = true\n",
        "tls.require_client_auth: needs tls.client_ca_file");
    assertError(
        minimal() + "ledger.max_batch_entries = 10\nledger.max_queued_entries = 5\n",
        "ledger.max_queued_entries");
  }

  @Test
  void numbersMustBeCanonical() {
    for (String bad : new String[] {"007", "+5", "-1", "5.0", "1e3", "\u0661\u0662", "0x10"}) {
      assertError(minimal() + "limits.append_burst = " + bad + "\n", "limits.append_burst");
    }
    assertError(minimal() + "limits.append_burst = 0\n", "limits.append_burst: must be in [1");
  }

  private static void assertError(String text, String message) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining(message);
  }
}
