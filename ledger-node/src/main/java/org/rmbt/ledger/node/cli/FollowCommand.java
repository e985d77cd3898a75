package org.rmbt.ledger.node.cli;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.CheckpointResponse;
import org.rmbt.ledger.proto.Entry;
import org.rmbt.ledger.proto.FollowRequest;
import org.rmbt.ledger.proto.FollowResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "follow",
    description =
        "Stream the log from an index: each entry, then the checkpoint covering it, and on as the"
            + " log grows, until interrupted (or --until); progress and rate on stderr.")
final class FollowCommand implements Callable<Integer> {
  @Option(names = "--from", defaultValue = "0", description = "First index (default: 0).")
  long from;

  @Option(
      names = "--until",
      description = "Stop after the first checkpoint whose size is at least this.")
  Long until;

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    if (from < 0 || (until != null && until < 1)) {
      throw new MalformedException("--from/--until", "--from >= 0, --until >= 1");
    }
    Progress progress = new Progress("follow", 0, client.json);
    long entries = 0;
    try (NodeClient node = NodeClient.open(client)) {
      Iterator<FollowResponse> it =
          node.unbounded().follow(FollowRequest.newBuilder().setFromIndex(from).build());
      while (it.hasNext()) {
        FollowResponse r = it.next();
        if (r.hasEntry()) {
          entries++;
          entry(r.getEntry());
          continue;
        }
        CheckpointResponse cp = r.getCheckpoint();
        checkpoint(cp);
        progress.update(entries, cp.getSize() - from);
        if (until != null && cp.getSize() >= until) {
          break;
        }
      }
    } finally {
      progress.done();
    }
    return Rmbt.OK;
  }

  private void entry(Entry e) {
    String leaf = HexFormat.of().formatHex(e.getLeafHash().toByteArray());
    if (!client.json) {
      System.out.println("entry " + e.getIndex() + " " + leaf);
      return;
    }
    Report.print(
        Report.object()
            .put("type", "entry")
            .put("index", e.getIndex())
            .put("leafHash", leaf)
            .put("entry", Base64.getEncoder().encodeToString(e.getEntry().toByteArray())));
  }

  private void checkpoint(CheckpointResponse cp) {
    String root = Base64.getEncoder().encodeToString(cp.getRoot().toByteArray());
    if (!client.json) {
      System.out.println("checkpoint " + cp.getSize() + " " + root);
      return;
    }
    Report.print(
        Report.object()
            .put("type", "checkpoint")
            .put("size", cp.getSize())
            .put("root", root)
            .put("note", cp.getNote().toStringUtf8()));
  }
}
