package org.rmbt.ledger.node.cli;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.record.SampleData;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.AppendResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Submits the sample certification story to a compliance node: genesis, regulators, certification
 * bodies, auditors and providers in two jurisdictions, two schemes, model versions with lineage,
 * audits, a joint GRANT by both jurisdictions, a SUSPEND, a GRANT and its RENEW. Each record is
 * signed by its participant's key; decisions cite audits by the leaf hashes the node returned.
 */
@Command(
    name = "sample",
    description =
        "Submit the sample certification story (two jurisdictions, a joint certification, a"
            + " suspension, a renewal) to a compliance node; write the participants' keys.")
final class SampleCommand implements Callable<Integer> {
  @Option(names = "--keys-out", required = true, description = "Directory for participant keys.")
  Path keysOut;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the sample's randomness.")
  long seed;

  @Option(
      names = "--start",
      defaultValue = "0",
      description =
          "Time the story starts, ms since the epoch (default: one minute ago, so every record's"
              + " time has passed when the node integrates it).")
  long start;

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    if (start < 0) {
      throw new MalformedException("--start", "must be >= 0");
    }
    long begin = start == 0 ? System.currentTimeMillis() - 60_000 : start;
    SampleData.Sample sample = SampleData.generate(new Random(seed), begin);
    writeKeys(sample.keys());
    List<Hash> leaves = new ArrayList<>();
    try (NodeClient node = NodeClient.open(client)) {
      for (SampleData.Step step : sample.steps()) {
        byte[] env = step.envelope(leaves).toByteArray();
        AppendResponse r =
            node.blocking()
                .append(AppendRequest.newBuilder().setEnvelope(ByteString.copyFrom(env)).build());
        leaves.add(Hash.decode("leaf_hash", r.getLeafHash().toByteArray()));
        report(step.label(), r);
      }
    }
    return Rmbt.OK;
  }

  private void writeKeys(Map<String, Ed25519PrivateKey> keys) throws java.io.IOException {
    for (Map.Entry<String, Ed25519PrivateKey> k : keys.entrySet()) {
      KeyFiles.write(keysOut, SignerKey.of(k.getKey(), k.getValue()));
    }
  }

  private void report(String label, AppendResponse r) {
    if (client.json) {
      Report.print(
          Report.object()
              .put("result", "ok")
              .put("record", label)
              .put("index", r.getIndex())
              .put("duplicate", r.getDuplicate()));
    } else {
      System.out.printf(
          "%4d  %s%s%n", r.getIndex(), label, r.getDuplicate() ? " (already logged)" : "");
    }
  }
}
