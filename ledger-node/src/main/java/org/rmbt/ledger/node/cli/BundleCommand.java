package org.rmbt.ledger.node.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.GetProofBundleRequest;
import org.rmbt.ledger.proto.GetProvenanceBundleRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "bundle",
    description =
        "Fetch an rmbt-proof-bundle/v1 for entries (inclusion proofs to the latest checkpoint,"
            + " consistency from earlier checkpoints), or a model's provenance bundle, and write"
            + " it to a file for `rmbt verify`.")
final class BundleCommand implements Callable<Integer> {
  @Option(names = "--index", arity = "1..*", description = "Entry indexes to include.")
  List<Long> indexes = new ArrayList<>();

  @Option(
      names = "--model",
      description =
          "Instead of --index: the provenance bundle of a model (its versions and lineage, audits,"
              + " decisions, signers' registrations, status claims); compliance nodes only.")
  String model;

  @Option(names = "--version", description = "With --model: only this version.")
  String version;

  @Option(
      names = "--as-of",
      defaultValue = "0",
      description = "With --model: time of the status claims, ms since the epoch (default now).")
  long asOf;

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
    if (indexes.isEmpty() == (model == null)) {
      throw new MalformedException("--index/--model", "give exactly one of them");
    }
    if (indexes.stream().anyMatch(i -> i < 0) || earlier.stream().anyMatch(s -> s < 0)) {
      throw new MalformedException("--index/--earlier", "must be >= 0");
    }
    String json;
    try (NodeClient node = NodeClient.open(client)) {
      json = model != null ? provenance(node) : entries(node);
    }
    Files.writeString(out, json, StandardCharsets.UTF_8);
    String message =
        model != null
            ? "wrote " + out + " (provenance of model " + model + ")"
            : "wrote " + out + " (entries " + indexes + ", earlier checkpoints " + earlier + ")";
    if (client.json) {
      Report.print(Report.object().put("result", "ok").put("file", out.toString()));
    } else {
      System.out.println(message);
    }
    return Rmbt.OK;
  }

  private String entries(NodeClient node) {
    return node.blocking()
        .getProofBundle(
            GetProofBundleRequest.newBuilder()
                .addAllIndexes(indexes)
                .addAllEarlierSizes(earlier)
                .build())
        .getBundleJson();
  }

  private String provenance(NodeClient node) {
    GetProvenanceBundleRequest.Builder r =
        GetProvenanceBundleRequest.newBuilder().setModelId(model).setAsOfMillis(asOf);
    if (version != null) {
      r.setVersion(version);
    }
    return node.records().getProvenanceBundle(r.build()).getBundleJson();
  }
}
