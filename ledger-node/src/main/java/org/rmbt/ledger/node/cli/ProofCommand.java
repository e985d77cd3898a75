package org.rmbt.ledger.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.ConsistencyProofResponse;
import org.rmbt.ledger.proto.GetConsistencyProofRequest;
import org.rmbt.ledger.proto.GetInclusionProofRequest;
import org.rmbt.ledger.proto.InclusionProofResponse;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "proof",
    description =
        "Fetch an RFC 9162 inclusion proof (--index N [--size S]) or consistency proof"
            + " (--consistency S1 S2); prints the proof's hashes in base64, one a line.")
final class ProofCommand implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--index", description = "Entry index to prove inclusion of.")
    Long index;

    @Option(
        names = "--consistency",
        arity = "2",
        paramLabel = "SIZE",
        description = "Two tree sizes: prove the second tree extends the first.")
    long[] consistency;
  }

  @Option(
      names = "--size",
      defaultValue = "0",
      description = "With --index: tree size to prove to (default: the latest checkpoint).")
  long size;

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    if (size < 0) {
      throw new MalformedException("--size", "must be >= 0");
    }
    try (NodeClient node = NodeClient.open(client)) {
      if (which.index != null) {
        if (which.index < 0) {
          throw new MalformedException("--index", "must be >= 0");
        }
        InclusionProofResponse r =
            node.blocking()
                .getInclusionProof(
                    GetInclusionProofRequest.newBuilder()
                        .setIndex(which.index)
                        .setSize(size)
                        .build());
        ObjectNode n = Report.object().put("index", r.getIndex()).put("size", r.getSize());
        print(
            n,
            "inclusion proof of index " + r.getIndex() + " in size " + r.getSize(),
            r.getHashesList());
      } else {
        if (size != 0) {
          throw new MalformedException("--size", "goes with --index, not --consistency");
        }
        long s1 = which.consistency[0];
        long s2 = which.consistency[1];
        if (s1 < 0 || s2 < 1) {
          throw new MalformedException("--consistency", "sizes must be >= 0 and >= 1");
        }
        ConsistencyProofResponse r =
            node.blocking()
                .getConsistencyProof(
                    GetConsistencyProofRequest.newBuilder().setSize1(s1).setSize2(s2).build());
        ObjectNode n = Report.object().put("size1", r.getSize1()).put("size2", r.getSize2());
        print(
            n,
            "consistency proof from size " + r.getSize1() + " to " + r.getSize2(),
            r.getHashesList());
      }
    }
    return Rmbt.OK;
  }

  private void print(ObjectNode n, String title, List<ByteString> hashes) {
    List<String> b64 =
        hashes.stream().map(h -> Base64.getEncoder().encodeToString(h.toByteArray())).toList();
    if (client.json) {
      b64.forEach(n.withArray("hashes")::add);
      Report.print(n);
      return;
    }
    System.out.println(title + " (" + b64.size() + " hashes):");
    b64.forEach(System.out::println);
  }
}
