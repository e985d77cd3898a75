package org.rmbt.ledger.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on a real RocksDB log: demo, then offline verification. */
class RmbtCommandLineTest {
  @TempDir static Path dir;
  static Path demo;
  static String logKey;

  @BeforeAll
  static void runDemo() throws Exception {
    demo = dir.resolve("demo");
    assertThat(Rmbt.run("demo", "--dir", demo.toString(), "--entries", "40")).isEqualTo(Rmbt.OK);
    logKey = "@" + demo.resolve("keys/demo.rmbt.example_log.pub");
  }

  @Test
  void demoBundleVerifies() {
    assertThat(Rmbt.run("verify", demo.resolve("bundle.json").toString(), "--log-key", logKey))
        .isEqualTo(Rmbt.OK);
    assertThat(Rmbt.run("verify-log", "--dir", demo.resolve("log").toString(), "--log-key", logKey))
        .isEqualTo(Rmbt.OK);
  }

  @Test
  void tamperedBundleFailsVerification() throws Exception {
    String json = Files.readString(demo.resolve("bundle.json"));
    // Change one hash of the first inclusion proof to another valid hash.
    int at = json.indexOf("\"inclusionProof\" : [ \"") + "\"inclusionProof\" : [ \"".length();
    char c = json.charAt(at);
    String tampered = json.substring(0, at) + (c == 'A' ? 'B' : 'A') + json.substring(at + 1);
    Path bad = dir.resolve("tampered.json");
    Files.writeString(bad, tampered, StandardCharsets.UTF_8);
    assertThat(Rmbt.run("verify", bad.toString(), "--log-key", logKey))
        .isEqualTo(Rmbt.VERIFICATION_FAILED);
  }

  @Test
  void otherLogKeyFailsVerification() throws Exception {
    Path keys = dir.resolve("other-keys");
    assertThat(Rmbt.run("keygen", "--name", "demo.rmbt.example/log", "--out", keys.toString()))
        .isEqualTo(Rmbt.OK);
    assertThat(Files.getPosixFilePermissions(keys.resolve("demo.rmbt.example_log.key"))).hasSize(2);
    assertThat(
            Rmbt.run(
                "verify",
                demo.resolve("bundle.json").toString(),
                "--log-key",
                "@" + keys.resolve("demo.rmbt.example_log.pub")))
        .isEqualTo(Rmbt.VERIFICATION_FAILED);
  }

  @Test
  void malformedInputAndUsageErrorsExitTwo() throws Exception {
    Path garbage = dir.resolve("garbage.json");
    Files.writeString(garbage, "{\"format\":\"rmbt-proof-bundle/v1\",");
    assertThat(Rmbt.run("verify", garbage.toString(), "--log-key", logKey))
        .isEqualTo(Rmbt.BAD_INPUT);
    assertThat(Rmbt.run("verify", garbage.toString(), "--log-key", "not-a-key"))
        .isEqualTo(Rmbt.BAD_INPUT);
    assertThat(Rmbt.run("verify")).isEqualTo(Rmbt.BAD_INPUT);
    assertThat(Rmbt.run("demo", "--dir", demo.toString())).isEqualTo(Rmbt.BAD_INPUT);
  }
}
