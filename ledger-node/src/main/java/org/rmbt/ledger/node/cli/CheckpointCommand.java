package org.rmbt.ledger.node.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.CheckpointResponse;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "checkpoint",
    description =
        "Print the node's latest signed checkpoint, or the one at --size, as the signed note"
            + " (C2SP tlog-checkpoint) with any witness cosignatures.")
final class CheckpointCommand implements Callable<Integer> {
  @Option(names = "--size", description = "A tree size the log signed a checkpoint at.")
  Long size;

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    GetCheckpointRequest.Builder req = GetCheckpointRequest.newBuilder();
    if (size != null) {
      if (size < 0) {
        throw new MalformedException("--size", "must be >= 0");
      }
      req.setSize(size);
    }
    CheckpointResponse r;
    try (NodeClient node = NodeClient.open(client)) {
      r = node.blocking().getCheckpoint(req.build());
    }
    print(r, client.json);
    return Rmbt.OK;
  }

  static void print(CheckpointResponse r, boolean json) {
    String note = r.getNote().toString(StandardCharsets.UTF_8);
    if (!json) {
      System.out.print(note);
      return;
    }
    Report.print(
        Report.object()
            .put("size", r.getSize())
            .put("root", Base64.getEncoder().encodeToString(r.getRoot().toByteArray()))
            .put("note", note));
  }
}
