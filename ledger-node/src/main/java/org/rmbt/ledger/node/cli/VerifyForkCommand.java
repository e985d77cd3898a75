package org.rmbt.ledger.node.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.record.SignerKeyRing;
import org.rmbt.ledger.node.replica.ForkEvidence;
import org.rmbt.ledger.node.replica.ForkEvidenceCodec;
import org.rmbt.ledger.node.replica.ForkEvidenceVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "verify-fork",
    description =
        "Check fork evidence offline: every note signed by the log key, and the conflict shown by"
            + " the evidence itself. Exit 0: the fork is shown; 1: it is not; 2: malformed.")
final class VerifyForkCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The evidence file (rmbt-fork-evidence/v1 JSON).")
  Path file;

  @Option(names = "--log-key", required = true, description = "The log's verifier key, or @file.")
  String logKey;

  @Option(
      names = "--signer-key",
      description = "Envelope signer verifier key or @file, to re-check a bad entry's signatures.")
  List<String> signerKeys = List.of();

  @Override
  public Integer call() throws Exception {
    try {
      VerifierKey key = KeyFiles.verifierKey(logKey);
      ForkEvidence e = ForkEvidenceCodec.decode(Files.readString(file, StandardCharsets.UTF_8));
      List<Ed25519PublicKey> signers = new ArrayList<>();
      for (String s : signerKeys) {
        signers.add(KeyFiles.verifierKey(s).publicKey());
      }
      String shown =
          ForkEvidenceVerifier.verify(e, key, signers.isEmpty() ? null : SignerKeyRing.of(signers));
      System.out.println("fork shown (" + e.kind() + "): " + shown);
      return Rmbt.OK;
    } catch (MalformedException e) {
      return Report.fail(false, Rmbt.BAD_INPUT, "malformed", e.getMessage());
    } catch (VerificationException e) {
      return Report.fail(false, Rmbt.VERIFICATION_FAILED, "not shown", e.getMessage());
    }
  }
}
