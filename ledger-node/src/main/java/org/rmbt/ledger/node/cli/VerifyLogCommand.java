package org.rmbt.ledger.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.store.StoredCheckpoint;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.core.verify.LogVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "verify-log",
    description =
        "Verify a whole copy of a log (a stopped node's RocksDB directory): re-hash every entry,"
            + " check the hash chain, recompute the root, compare with the signed checkpoint.")
final class VerifyLogCommand implements Callable<Integer> {
  @Option(names = "--dir", required = true, description = "The log's RocksDB directory.")
  Path dir;

  @Option(names = "--log-key", required = true, description = "The log's verifier key, or @file.")
  String logKey;

  @Option(
      names = "--hash-only",
      description =
          "Read only each entry's index and chain link instead of decoding it strictly; the rest"
              + " is checked through the leaf hashes and root alone. Several times faster.")
  boolean hashOnly;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      return Report.fail(
          json, Rmbt.BAD_INPUT, "malformed", "--dir: " + dir + " is not a directory");
    }
    try (RocksLogStore store = RocksLogStore.open(dir)) {
      VerifierKey key = KeyFiles.verifierKey(logKey);
      StoredCheckpoint latest =
          store
              .latestCheckpoint()
              .orElseThrow(() -> new VerificationException("the log holds no checkpoint"));
      Checkpoint cp = SignedCheckpoint.open(latest.note(), key.name(), key).checkpoint();
      long start = System.nanoTime();
      Progress progress = new Progress("verify-log", cp.size(), json);
      LogVerifier.Mode mode = hashOnly ? LogVerifier.Mode.HASH_ONLY : LogVerifier.Mode.FULL;
      long n = LogVerifier.verify(store, cp, mode, progress::update);
      progress.done();
      double seconds = (System.nanoTime() - start) / 1e9;
      Report.ok(
          json,
          String.format(
              "log verified: %d entries re-hashed, root %s matches the checkpoint (%.0f entries/s)",
              n, cp.root().base64(), n / Math.max(seconds, 1e-9)),
          cp);
      return Rmbt.OK;
    } catch (MalformedException e) {
      return Report.fail(json, Rmbt.BAD_INPUT, "malformed", e.getMessage());
    } catch (VerificationException e) {
      return Report.fail(json, Rmbt.VERIFICATION_FAILED, "failed", e.getMessage());
    }
  }
}
