package org.rmbt.ledger.node.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.rmbt.ledger.node.replica.ForkEvidenceStore;
import org.rmbt.ledger.proto.GetForkEvidenceRequest;
import org.rmbt.ledger.proto.GetForkEvidenceResponse;
import org.rmbt.ledger.proto.ReplicaServiceGrpc;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "fork-evidence",
    description =
        "Print the fork evidence a replica holds (from a running replica with --server, or from"
            + " its data directory), or clear it with --clear so that the replica follows again."
            + " Exit 0 with evidence printed, 1 when there is none.")
final class ForkEvidenceCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--server", description = "A running replica, HOST:PORT.")
    String server;

    @Option(names = "--data-dir", description = "The replica's RocksDB directory (data_dir).")
    Path dataDir;
  }

  @Option(
      names = "--clear",
      description = "Delete the evidence (the replica must be stopped): it follows again on start.")
  boolean clear;

  @Override
  public Integer call() throws Exception {
    if (source.server != null) {
      if (clear) {
        return Report.fail(false, Rmbt.BAD_INPUT, "malformed", "--clear needs --data-dir");
      }
      return fromServer(source.server);
    }
    ForkEvidenceStore store = ForkEvidenceStore.forDataDir(source.dataDir);
    if (clear) {
      boolean existed = store.clear();
      System.out.println(existed ? "fork evidence cleared: " + store.file() : "no fork evidence");
      return Rmbt.OK;
    }
    return print(store.read());
  }

  private static Integer fromServer(String hostPort) throws InterruptedException {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      return Report.fail(false, Rmbt.BAD_INPUT, "malformed", "--server: want HOST:PORT");
    }
    int port;
    try {
      port = Integer.valueOf(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      return Report.fail(false, Rmbt.BAD_INPUT, "malformed", "--server: bad port");
    }
    ManagedChannel ch =
        NettyChannelBuilder.forAddress(hostPort.substring(0, colon), port).usePlaintext().build();
    try {
      GetForkEvidenceResponse r =
          ReplicaServiceGrpc.newBlockingStub(ch)
              .withDeadlineAfter(30, TimeUnit.SECONDS)
              .getForkEvidence(GetForkEvidenceRequest.getDefaultInstance());
      return print(r.getFrozen() ? Optional.of(r.getEvidenceJson()) : Optional.empty());
    } catch (StatusRuntimeException e) {
      return Report.fail(false, Rmbt.FAULT, "unavailable", e.getStatus().toString());
    } finally {
      ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static Integer print(Optional<String> json) {
    if (json.isEmpty()) {
      System.out.println("no fork evidence");
      return Rmbt.VERIFICATION_FAILED;
    }
    System.out.print(json.get());
    return Rmbt.OK;
  }
}
