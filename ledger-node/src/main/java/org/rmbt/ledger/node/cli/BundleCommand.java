package org.rmbt.ledger.node.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.GetProofBundleRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "bundle",
    description =
        "Fetch an rmbt-proof-bundle/v1 for entries (inclusion proofs to the latest checkpoint,"
            + " consistency from earlier checkpoints) and write it to a file for `rmbt verify`.")
final class BundleCommand implements Callable<Integer> {
  @Option(
      names = "--index",
      required = true,
      arity = "1..*",
      description = "Entry indexes to include.")
  List<Long> indexes = new ArrayList<>();

  @Option(
      names = "--earlier",
      arity = "1..*",
      description = "Earlier checkpoint sizes to prove consistency from.")
  List<Long> earlier = new ArrayList<>();

  @Option(names = "--out", required = true, description = "File to write the bundle JSON to.")
  Path out;

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    if (indexes.stream().anyMatch(i -> i < 0) || earlier.stream().anyMatch(s -> s < 0)) {
      throw new MalformedException("--index/--earlier", "must be >= 0");
    }
    String json;
    try (NodeClient node = NodeClient.open(client)) {
      json =
          node.blocking()
              .getProofBundle(
                  GetProofBundleRequest.newBuilder()
                      .addAllIndexes(indexes)
                      .addAllEarlierSizes(earlier)
                      .build())
              .getBundleJson();
    }
    Files.writeString(out, json, StandardCharsets.UTF_8);
    String message =
        "wrote " + out + " (entries " + indexes + ", earlier checkpoints " + earlier + ")";
    if (client.json) {
      Report.print(Report.object().put("result", "ok").put("file", out.toString()));
    } else {
      System.out.println(message);
    }
    return Rmbt.OK;
  }
}
