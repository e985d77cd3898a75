package org.rmbt.ledger.node.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.ledger.AppendResult;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.core.ledger.LedgerConfig;
import org.rmbt.ledger.core.ledger.LogSigner;
import org.rmbt.ledger.core.record.Dsse;
import org.rmbt.ledger.core.record.SignerKeyRing;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.core.verify.BundleAssembler;
import org.rmbt.ledger.core.verify.ProofBundle;
import org.rmbt.ledger.core.verify.ProofBundleCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    description =
        "Create a log in a fresh directory, append signed demo entries durably, print the signed"
            + " checkpoint and write a proof bundle an auditor can verify with `rmbt verify`.")
final class DemoCommand implements Callable<Integer> {
  static final String PAYLOAD_TYPE = "application/vnd.rmbt.demo-audit+json";

  @Option(names = "--dir", required = true, description = "A new directory for keys and the log.")
  Path dir;

  @Option(names = "--entries", defaultValue = "300", description = "Entries to append.")
  int entries;

  @Option(names = "--origin", defaultValue = "demo.rmbt.example/log", description = "Log origin.")
  String origin;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
      return Report.fail(false, Rmbt.BAD_INPUT, "malformed", "--dir: " + dir + " is not empty");
    }
    if (entries < 4) {
      return Report.fail(false, Rmbt.BAD_INPUT, "malformed", "--entries: must be at least 4");
    }
    SecureRandom random = new SecureRandom();
    SignerKey logKey = SignerKey.of(origin, Ed25519PrivateKey.generate(random));
    SignerKey auditor = SignerKey.of("demo-auditor", Ed25519PrivateKey.generate(random));
    KeyFiles.write(dir.resolve("keys"), logKey);
    KeyFiles.write(dir.resolve("keys"), auditor);
    SignerKeyRing signers = SignerKeyRing.of(List.of(auditor.privateKey().publicKey()));
    try (Ledger ledger =
        Ledger.open(
            RocksLogStore.open(dir.resolve("log")),
            new LogSigner(logKey),
            signers,
            System::currentTimeMillis,
            LedgerConfig.DEFAULT)) {
      long half = appendAll(ledger, auditor.privateKey(), 0, entries / 2);
      appendAll(ledger, auditor.privateKey(), entries / 2, entries);
      System.out.println("signed checkpoint:");
      System.out.print(new String(ledger.view().latestCheckpoint().note(), StandardCharsets.UTF_8));
      writeBundle(ledger, logKey, half);
    }
    return Rmbt.OK;
  }

  /** Appends demo entries [from, to) and returns the tree size once they are all durable. */
  private static long appendAll(Ledger ledger, Ed25519PrivateKey signer, int from, int to)
      throws Exception {
    List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
    for (int i = from; i < to; i++) {
      pending.add(ledger.append(Dsse.seal(PAYLOAD_TYPE, payload(i), signer).toByteArray()));
    }
    long size = 0;
    for (CompletableFuture<AppendResult> f : pending) {
      size = Math.max(size, f.get().checkpoint().checkpoint().size());
    }
    return size;
  }

  private void writeBundle(Ledger ledger, SignerKey logKey, long earlierSize) throws Exception {
    long size = ledger.view().latestCheckpoint().checkpoint().size();
    TreeSet<Long> picked = new TreeSet<>(List.of(0L, 1L, size / 2, size - 2, size - 1));
    ProofBundle bundle =
        new BundleAssembler(ledger.view(), logKey.verifierKey().encode())
            .assemble(picked, new TreeSet<>(List.of(earlierSize)));
    Path out = dir.resolve("bundle.json");
    Files.writeString(out, ProofBundleCodec.encode(bundle));
    System.out.println("proof bundle: " + out + " (entries " + picked + ")");
    System.out.println(
        "log key: " + dir.resolve("keys").resolve(KeyFiles.fileStem(logKey.name()) + ".pub"));
  }

  private static byte[] payload(int i) {
    String json =
        String.format(
            "{\"record\":\"audit\",\"model\":\"demo-model-%d\",\"version\":\"1.%d\","
                + "\"evidence\":\"bias-assessment\",\"documentSha256\":\"%064x\"}",
            i % 17, i, i);
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
