package org.rmbt.ledger.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.verify.SplitView;
import org.rmbt.ledger.core.verify.SplitViewCheck;
import org.rmbt.ledger.proto.GetConsistencyProofRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "verify-split",
    description =
        "Check offline that two cosigned checkpoints (signed notes, as `rmbt checkpoint` prints"
            + " them, e.g. fetched from two replicas or given by two witnesses) show one log."
            + " Same size with different roots is a split view, proven by the two notes. Different"
            + " sizes need a consistency proof (--from fetches one). Exit 0: consistent; 1: split"
            + " view, unresolved, or a note that does not verify; 2: malformed.")
final class VerifySplitCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "A", description = "The first signed checkpoint note.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "The second signed checkpoint note.")
  Path b;

  @Option(names = "--log-key", required = true, description = "The log's verifier key, or @file.")
  String logKey;

  @Option(
      names = {"--witness-key", "--witness"},
      description = "A trusted witness cosignature/v1 verifier key, or @file; repeatable.")
  List<String> witnessKeys = List.of();

  @Option(
      names = "--quorum",
      defaultValue = "1",
      description =
          "Cosignatures by --witness-key keys each note needs (default: ${DEFAULT-VALUE}).")
  int quorum;

  @Option(
      names = "--from",
      paramLabel = "HOST:PORT",
      description =
          "When the sizes differ, fetch the consistency proof from this node (plaintext gRPC)."
              + " The proof is checked, not trusted.")
  String from;

  @Option(names = "--json", description = "Machine output: one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SplitView v;
    try {
      VerifierKey key = KeyFiles.verifierKey(logKey);
      List<VerifierKey> witnesses = new ArrayList<>();
      for (String w : witnessKeys) {
        witnesses.add(KeyFiles.verifierKey(w));
      }
      SignedCheckpoint ca =
          SplitViewCheck.open("checkpoint A", Files.readAllBytes(a), key, witnesses, quorum);
      SignedCheckpoint cb =
          SplitViewCheck.open("checkpoint B", Files.readAllBytes(b), key, witnesses, quorum);
      v = SplitViewCheck.check(ca, cb, proof(ca, cb));
    } catch (MalformedException e) {
      return Report.fail(json, Rmbt.BAD_INPUT, "malformed", e.getMessage());
    } catch (VerificationException e) {
      return Report.fail(json, Rmbt.VERIFICATION_FAILED, "failed", e.getMessage());
    }
    return report(v);
  }

  /** A consistency proof from the node at {@code --from}, if the sizes differ and one is asked. */
  private Optional<List<Hash>> proof(SignedCheckpoint ca, SignedCheckpoint cb)
      throws MalformedException, IOException {
    long s1 = Math.min(ca.checkpoint().size(), cb.checkpoint().size());
    long s2 = Math.max(ca.checkpoint().size(), cb.checkpoint().size());
    if (from == null || s1 == s2 || s1 == 0) {
      return Optional.empty();
    }
    ClientOptions options = new ClientOptions();
    options.node = from;
    options.deadlineSeconds = 30;
    List<ByteString> hashes;
    try (NodeClient node = NodeClient.open(options)) {
      hashes =
          node.blocking()
              .getConsistencyProof(
                  GetConsistencyProofRequest.newBuilder().setSize1(s1).setSize2(s2).build())
              .getHashesList();
    }
    List<Hash> proof = new ArrayList<>();
    for (ByteString h : hashes) {
      proof.add(Hash.decode("consistency proof from " + from, h.toByteArray()));
    }
    return Optional.of(proof);
  }

  private int report(SplitView v) {
    String result =
        switch (v.outcome()) {
          case CONSISTENT -> "consistent";
          case SPLIT_VIEW -> "split view";
          case UNRESOLVED -> "unresolved";
        };
    int code = v.outcome() == SplitView.Outcome.CONSISTENT ? Rmbt.OK : Rmbt.VERIFICATION_FAILED;
    if (json) {
      ObjectNode n = Report.object().put("result", result).put("message", v.message());
      side(n.putObject("a"), v.a());
      side(n.putObject("b"), v.b());
      Report.print(n);
    } else if (code == Rmbt.OK) {
      System.out.println(result + ": " + v.message());
    } else {
      System.err.println("rmbt: " + result + ": " + v.message());
    }
    return code;
  }

  private static void side(ObjectNode n, SignedCheckpoint cp) {
    n.put("size", cp.checkpoint().size()).put("root", cp.checkpoint().root().base64());
    SplitView.witnesses(cp).forEach(n.withArray("witnesses")::add);
  }
}
