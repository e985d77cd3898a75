package org.rmbt.ledger.node.grpc;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.EntryPolicy;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.core.ledger.LogSigner;
import org.rmbt.ledger.core.ledger.SignerKeyPolicy;
import org.rmbt.ledger.core.record.SignerKeyRing;
import org.rmbt.ledger.core.store.CosignatureStore;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.node.anchor.AnchorService;
import org.rmbt.ledger.node.config.AnchorConfig;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.node.config.ServerLimits;
import org.rmbt.ledger.node.config.TlsConfig;
import org.rmbt.ledger.node.log.LogEvent;
import org.rmbt.ledger.node.metrics.MetricsServer;
import org.rmbt.ledger.node.metrics.NodeMetrics;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * A running node: the ledger on its RocksDB directory, served over gRPC (Netty) with the configured
 * limits, TLS, health and reflection. {@link #close} shuts down gracefully.
 */
public final class LedgerServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LedgerServer.class.getName());

  private final Server server;
  private final Ledger ledger;
  private final HealthStatusManager health;
  private final EntryStreamer streamer;
  private final ScheduledExecutorService executor;
  private final ServerLimits limits;
  private final MetricsServer metrics; // null: none configured
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile AnchorService anchoring; // null: no anchor.* configuration

  private LedgerServer(
      Server server,
      Ledger ledger,
      HealthStatusManager health,
      EntryStreamer streamer,
      ScheduledExecutorService executor,
      ServerLimits limits,
      MetricsServer metrics) {
    this.server = server;
    this.ledger = ledger;
    this.health = health;
    this.streamer = streamer;
    this.executor = executor;
    this.limits = limits;
    this.metrics = metrics;
  }

  /** Opens the ledger in {@code config.dataDir()} and starts serving it. */
  public static LedgerServer start(NodeConfig config) throws IOException, MalformedException {
    SignerKeyRing signers =
        SignerKeyRing.of(config.signerKeys().stream().map(VerifierKey::publicKey).toList());
    return start(config, new SignerKeyPolicy(signers));
  }

  /** As above, admitting entries by {@code policy} (e.g. the compliance rules). */
  public static LedgerServer start(NodeConfig config, EntryPolicy policy)
      throws IOException, MalformedException {
    NodeAnchoring.requireReceiptable(config, policy);
    SignerKey logKey =
        SignerKey.parse(Files.readString(config.logKeyFile(), StandardCharsets.UTF_8).strip());
    RocksLogStore store = RocksLogStore.open(config.dataDir());
    Ledger ledger =
        Ledger.open(
            store, new LogSigner(logKey), policy, System::currentTimeMillis, config.ledger());
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, daemonThreads());
    LedgerServer started;
    try {
      started = serve(config, ledger, store, logKey.verifierKey().encode(), executor);
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      ledger.close();
      throw e;
    }
    try {
      started.anchoring = NodeAnchoring.startIfConfigured(config, ledger, logKey);
    } catch (IOException | MalformedException | RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  private static LedgerServer serve(
      NodeConfig config,
      Ledger ledger,
      CosignatureStore store,
      String logKey,
      ScheduledExecutorService executor)
      throws IOException {
    ServerLimits l = config.limits();
    Cosignatures cosignatures = new Cosignatures(config.witnessKeys(), store);
    EntryStreamer streamer =
        new EntryStreamer(ledger.view(), cosignatures, executor, l.followPoll());
    NodeMetrics metrics =
        new NodeMetrics(
            () -> ledger.view().latestCheckpoint().checkpoint().size(), streamer::following);
    ServerServiceDefinition service =
        ServerInterceptors.intercept(
            new LedgerServiceImpl(
                ledger, logKey, cosignatures, streamer, executor, l, metrics, anchorChains(config)),
            new AppendRateLimiter(l.appendRatePerSecond(), l.appendBurst(), System::nanoTime),
            new CallMetrics(metrics));
    HealthStatusManager health = new HealthStatusManager();
    Server server = grpcServer(config, service, health);
    MetricsServer http = metricsServer(config, metrics, server);
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(LedgerServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    LedgerServer started = new LedgerServer(server, ledger, health, streamer, executor, l, http);
    started.logStarted(config);
    return started;
  }

  private static List<Long> anchorChains(NodeConfig config) {
    return config.anchor().map(AnchorConfig::chainIds).orElse(List.of());
  }

  private void logStarted(NodeConfig config) {
    LOG.log(
        System.Logger.Level.INFO,
        LogEvent.of(
            "server_started",
            "address",
            config.listenAddress(),
            "port",
            port(),
            "tls",
            config.tls().isPresent(),
            "metrics_port",
            metricsPort(),
            "tree_size",
            ledger.view().latestCheckpoint().checkpoint().size()));
  }

  private static Server grpcServer(
      NodeConfig config, ServerServiceDefinition service, HealthStatusManager health)
      throws IOException {
    InetSocketAddress address = new InetSocketAddress(config.listenAddress(), config.port());
    return limit(NettyServerBuilder.forAddress(address, credentials(config)), config.limits())
        .addService(service)
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(reflectionV1Alpha())
        .build()
        .start();
  }

  /**
   * The Prometheus endpoint on {@code metrics_port}, on the gRPC address; null if the port is 0.
   */
  private static MetricsServer metricsServer(NodeConfig config, NodeMetrics metrics, Server grpc)
      throws IOException {
    if (config.metricsPort() == 0) {
      return null;
    }
    try {
      return MetricsServer.start(config.listenAddress(), config.metricsPort(), metrics);
    } catch (IOException e) {
      grpc.shutdownNow();
      throw e;
    }
  }

  /** Deprecated upstream, but many tools in the field (older grpcurl, Postman) ask only v1alpha. */
  @SuppressWarnings("deprecation")
  private static BindableService reflectionV1Alpha() {
    return ProtoReflectionService.newInstance();
  }

  private static NettyServerBuilder limit(NettyServerBuilder b, ServerLimits l) {
    return b.maxInboundMessageSize(l.maxInboundMessageBytes())
        .maxInboundMetadataSize(l.maxInboundMetadataBytes())
        .maxConcurrentCallsPerConnection(l.maxConcurrentCallsPerConnection())
        .keepAliveTime(l.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
        .keepAliveTimeout(l.keepAliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
        .permitKeepAliveTime(l.permitKeepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
        .permitKeepAliveWithoutCalls(l.permitKeepAliveWithoutCalls())
        .maxConnectionIdle(l.maxConnectionIdle().toNanos(), TimeUnit.NANOSECONDS)
        .handshakeTimeout(l.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  private static ServerCredentials credentials(NodeConfig config) throws IOException {
    if (config.tls().isEmpty()) {
      return InsecureServerCredentials.create();
    }
    TlsConfig t = config.tls().get();
    TlsServerCredentials.Builder b =
        TlsServerCredentials.newBuilder()
            .keyManager(t.certChainFile().toFile(), t.privateKeyFile().toFile());
    if (t.clientCaFile().isPresent()) {
      b.trustManager(t.clientCaFile().get().toFile())
          .clientAuth(
              t.requireClientAuth()
                  ? TlsServerCredentials.ClientAuth.REQUIRE
                  : TlsServerCredentials.ClientAuth.OPTIONAL);
    }
    return b.build();
  }

  /** The bound port (useful when the configured port is 0). */
  public int port() {
    return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  /** Blocks until the server has terminated (after {@link #close} from another thread). */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Graceful shutdown: report NOT_SERVING, stop accepting calls, end Follow streams, let calls in
   * flight finish (up to the grace period, then cancel them), then close the ledger, which commits
   * and signs what is queued and closes RocksDB.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.log(System.Logger.Level.INFO, LogEvent.of("server_stopping", "port", port()));
    if (anchoring != null) {
      anchoring.close(); // no receipt appended after this
    }
    health.enterTerminalState();
    server.shutdown();
    streamer.closeAll();
    try {
      if (!server.awaitTermination(limits.shutdownGrace().toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.log(System.Logger.Level.WARNING, LogEvent.of("shutdown_grace_expired"));
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    // crash here: every answered append is durable; queued ones commit in ledger.close() below.
    ledger.close();
    executor.shutdown();
    if (metrics != null) {
      metrics.close();
    }
    LOG.log(System.Logger.Level.INFO, LogEvent.of("server_stopped"));
  }

  /** The bound metrics port, or 0 if metrics are off. */
  public int metricsPort() {
    return metrics == null ? 0 : metrics.port();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "rmbt-grpc-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
