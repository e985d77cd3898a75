package org.rmbt.ledger.node.replica;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.rmbt.ledger.core.checkpoint.Cosigner;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.EntryPolicy;
import org.rmbt.ledger.core.ledger.ReplicaLog;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.node.config.ReplicaConfig;
import org.rmbt.ledger.node.grpc.LedgerServer;

/**
 * A replica node: its own RocksDB copy of the primary's log, a {@link Follower} keeping it up to
 * date, and the read side of the gRPC service over it (appends are refused), plus GetForkEvidence.
 * A replica holding fork evidence starts frozen: it serves what it verified and the evidence, and
 * follows no more.
 */
public final class ReplicaNode implements AutoCloseable {
  private final LedgerServer server;
  private final Follower follower;
  private final Thread thread;
  private final ManagedChannel channel;

  private ReplicaNode(
      LedgerServer server, Follower follower, Thread thread, ManagedChannel channel) {
    this.server = server;
    this.follower = follower;
    this.thread = thread;
    this.channel = channel;
  }

  public static ReplicaNode start(NodeConfig config, ReplicaConfig replica)
      throws IOException, MalformedException {
    VerifierKey logKey = logVerifierKey(config.logKeyFile());
    Optional<Cosigner> witness = Optional.empty();
    if (replica.witnessKeyFile().isPresent()) {
      SignerKey k = SignerKey.parse(Files.readString(replica.witnessKeyFile().get()).strip());
      witness = Optional.of(Cosigner.of(k.name(), k.privateKey()));
    }
    EntryPolicy policy = config.newEntryPolicy(); // the same rules as the primary
    RocksLogStore store = RocksLogStore.open(config.dataDir());
    ReplicaLog log = ReplicaLog.open(store, logKey.name(), logKey, policy);
    ForkEvidenceStore evidence = ForkEvidenceStore.forDataDir(config.dataDir());
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(replica.host(), replica.port())
            .usePlaintext()
            .maxInboundMessageSize(config.limits().maxInboundMessageBytes())
            .build();
    Follower follower =
        new Follower(
            log,
            logKey,
            witness,
            channel,
            evidence,
            new Backoff(replica.backoffMin(), replica.backoffMax(), ThreadLocalRandom.current()),
            System::currentTimeMillis,
            evidence.read().isPresent(),
            config.limits().maxInboundMessageBytes());
    LedgerServer server;
    try {
      server =
          LedgerServer.startReadOnly(
              config,
              log.view(),
              store,
              logKey.encode(),
              List.of(new ReplicaService(evidence)),
              log);
    } catch (IOException | RuntimeException e) {
      channel.shutdownNow();
      log.close();
      throw e;
    }
    Thread thread = new Thread(follower, "rmbt-replica-follower");
    thread.setDaemon(true);
    thread.start();
    return new ReplicaNode(server, follower, thread, channel);
  }

  /** The log's public key: a verifier key file, or (on a test bench) the signer key file. */
  static VerifierKey logVerifierKey(Path file) throws IOException, MalformedException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    try {
      return VerifierKey.parse(text);
    } catch (MalformedException notVerifierKey) {
      return SignerKey.parse(text).verifierKey();
    }
  }

  public int port() {
    return server.port();
  }

  public boolean frozen() {
    return follower.frozen();
  }

  /** The largest size this replica has cosigned and handed to the primary, -1 if none. */
  public long cosignedSize() {
    return follower.cosignedSize();
  }

  /** Entries per second replayed since this node started. */
  public long catchUpRate() {
    return follower.catchUpRate();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Stops following (the stream is cancelled; what is durable stays), then the server and log. */
  @Override
  public void close() {
    follower.stop();
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channel.shutdownNow();
    server.close();
  }
}
