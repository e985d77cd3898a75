package org.rmbt.ledger.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.verify.BundleVerifier;
import org.rmbt.ledger.core.verify.ProofBundle;
import org.rmbt.ledger.core.verify.ProofBundleCodec;
import org.rmbt.ledger.core.verify.ProvenanceVerifier;
import org.rmbt.ledger.core.verify.VerifiedBundle;
import org.rmbt.ledger.core.verify.VerifiedProvenance;
import org.rmbt.ledger.node.anchor.BundleAnchorCheck;
import org.rmbt.ledger.node.anchor.RpcEndpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "verify",
    description =
        "Verify a proof bundle offline: checkpoint signature, inclusion, chain, consistency;"
            + " for a provenance bundle also subject chains, signer authority and statuses.")
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The proof bundle (rmbt-proof-bundle/v1 JSON).")
  Path bundle;

  @Option(
      names = "--log-key",
      required = true,
      description = "The log's verifier key you trust, or @file holding it.")
  String logKey;

  @Option(names = "--witness", description = "A witness verifier key you trust (repeatable).")
  List<String> witnesses = new ArrayList<>();

  @Option(names = "--quorum", defaultValue = "0", description = "Cosignatures required.")
  int quorum;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(
      names = "--rpc",
      description =
          "Check anchors on chain: CHAINID=URL for one chain (repeatable), or URL for every chain.")
  List<String> rpc = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    VerifiedBundle result;
    String provenance;
    BundleAnchorCheck.Outcome anchors = null;
    try {
      BundleVerifier verifier = verifier();
      ProofBundle decoded = ProofBundleCodec.decode(Files.readString(bundle));
      // Subjects or claims: also replay the entries' rules and recompute each claimed status.
      VerifiedProvenance p =
          decoded.claimsProvenance() ? new ProvenanceVerifier(verifier).verify(decoded) : null;
      result = p != null ? p.bundle() : verifier.verify(decoded);
      provenance = p != null ? provenanceSummary(p) : "";
      anchors = rpc.isEmpty() ? null : checkAnchors(decoded, verifier);
    } catch (MalformedException e) {
      return Report.fail(json, Rmbt.BAD_INPUT, "malformed", e.getMessage());
    } catch (VerificationException e) {
      return Report.fail(json, Rmbt.VERIFICATION_FAILED, "failed", e.getMessage());
    }
    Checkpoint cp = result.checkpoint().checkpoint();
    Report.ok(
        json,
        "bundle verified: checkpoint "
            + cp.origin()
            + " size "
            + cp.size()
            + " root "
            + cp.root().base64()
            + "; "
            + result.entries()
            + " entries included, "
            + result.consistencyProofs()
            + " consistency proofs, "
            + result.cosignatures()
            + " cosignatures"
            + anchorSummary(result.anchorsNotChecked(), anchors)
            + provenance,
        cp);
    return Rmbt.OK;
  }

  /** Each anchor on its chain, and the bundle's proof it extends the anchored checkpoint. */
  private BundleAnchorCheck.Outcome checkAnchors(ProofBundle decoded, BundleVerifier verifier)
      throws MalformedException, VerificationException {
    RpcEndpoints endpoints = RpcEndpointsCodec.parse(rpc);
    return BundleAnchorCheck.verify(decoded, verifier, verifier.logKey(), endpoints);
  }

  private static String anchorSummary(int anchorCount, BundleAnchorCheck.Outcome checked) {
    if (checked == null) {
      return anchorCount > 0 ? "; " + anchorCount + " anchors not checked (offline)" : "";
    }
    return "; "
        + checked.checked()
        + " anchors verified on chain"
        + (checked.notChecked() > 0 ? ", " + checked.notChecked() + " not checked (no --rpc)" : "");
  }

  private BundleVerifier verifier() throws MalformedException, IOException {
    List<VerifierKey> ws = new ArrayList<>();
    for (String w : witnesses) {
      ws.add(KeyFiles.verifierKey(w));
    }
    return new BundleVerifier(KeyFiles.verifierKey(logKey), ws, quorum);
  }

  private static String provenanceSummary(VerifiedProvenance p) {
    StringBuilder out =
        new StringBuilder("; provenance verified: ")
            .append(p.subjects().size())
            .append(" subjects without a gap, ")
            .append(p.entriesReplayed())
            .append(" entries admissible where they stand");
    for (ProofBundle.Claim c : p.statuses()) {
      out.append("; certificate ")
          .append(c.certificate())
          .append(" ")
          .append(c.status())
          .append(" as of size ")
          .append(p.bundle().checkpoint().checkpoint().size())
          .append(", time ")
          .append(Instant.ofEpochMilli(c.asOfMillis()));
    }
    return out.toString();
  }
}
