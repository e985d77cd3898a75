package org.rmbt.ledger.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.ledger.CompliancePolicy;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.core.ledger.LedgerConfig;
import org.rmbt.ledger.core.ledger.LogSigner;
import org.rmbt.ledger.core.record.SampleData;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.core.verify.ProofBundleCodec;
import org.rmbt.ledger.core.verify.ProvenanceAssembler;

/** {@code rmbt verify} on a provenance bundle: the claimed status is verified and printed. */
class VerifyProvenanceCommandTest {
  static final long START = 1_767_225_600_000L;

  @Test
  void provenanceBundleStatusIsVerifiedAndPrinted(@TempDir Path dir) throws Exception {
    SignerKey logKey = SignerKey.of("cli.example/log", Ed25519PrivateKey.fromSeed(new byte[32]));
    Path bundle = dir.resolve("provenance.json");
    String json = sampleBundle(dir.resolve("log"), logKey);
    Files.writeString(bundle, json);
    Path key = dir.resolve("log.pub");
    Files.writeString(key, logKey.verifierKey().encode());
    String out = capture(() -> Rmbt.run("verify", bundle.toString(), "--log-key", "@" + key));
    assertThat(out)
        .contains("provenance verified")
        .contains("certificate " + SampleData.JOINT_CERTIFICATE + " SUSPENDED as of size 27");
    Files.writeString(bundle, json.replace("\"SUSPENDED\"", "\"ACTIVE\""));
    assertThat(Rmbt.run("verify", bundle.toString(), "--log-key", "@" + key))
        .isEqualTo(Rmbt.VERIFICATION_FAILED);
  }

  private static String sampleBundle(Path dir, SignerKey logKey) throws Exception {
    AtomicLong clock = new AtomicLong(START);
    CompliancePolicy policy = new CompliancePolicy();
    try (Ledger ledger =
        Ledger.open(
            RocksLogStore.open(dir),
            new LogSigner(logKey),
            policy,
            clock::get,
            LedgerConfig.DEFAULT)) {
      List<Hash> leaves = new ArrayList<>();
      for (SampleData.Step step : SampleData.generate(new Random(42), START).steps()) {
        clock.set(step.integratedAt());
        leaves.add(ledger.append(step.envelope(leaves).toByteArray()).get().leafHash());
      }
      return ProofBundleCodec.encode(
          new ProvenanceAssembler(ledger.view(), logKey.verifierKey().encode())
              .forModel(policy.state(), "acme-assist", START + 86_400_000L, new TreeSet<>()));
    }
  }

  private static String capture(java.util.concurrent.Callable<Integer> run) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertThat(run.call()).isEqualTo(Rmbt.OK);
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
