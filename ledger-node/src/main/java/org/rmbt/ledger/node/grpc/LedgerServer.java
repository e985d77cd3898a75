package org.rmbt.ledger.node.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.CompliancePolicy;
import org.rmbt.ledger.core.ledger.EntryPolicy;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.core.ledger.LedgerView;
import org.rmbt.ledger.core.ledger.LogSigner;
import org.rmbt.ledger.core.store.CosignatureStore;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.node.anchor.AnchorService;
import org.rmbt.ledger.node.config.AnchorConfig;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.node.config.ServerLimits;
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
  private final AutoCloseable backend;
  private final HealthStatusManager health;
  private final EntryStreamer streamer;
  private final ScheduledExecutorService executor;
  private final ServerLimits limits;
  private final MetricsServer metrics; // null: none configured
  private final AnchorHealth anchorHealth;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile AnchorService anchoring; // null: no anchor.* configuration

  private LedgerServer(
      Server server,
      AutoCloseable backend,
      HealthStatusManager health,
      EntryStreamer streamer,
      ScheduledExecutorService executor,
      ServerLimits limits,
      MetricsServer metrics,
      AnchorHealth anchorHealth) {
    this.server = server;
    this.backend = backend;
    this.health = health;
    this.streamer = streamer;
    this.executor = executor;
    this.limits = limits;
    this.metrics = metrics;
    this.anchorHealth = anchorHealth;
  }

  /** Opens the ledger in {@code config.dataDir()} and starts serving it. */
  public static LedgerServer start(NodeConfig config) throws IOException, MalformedException {
    return start(config, config.newEntryPolicy());
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
    ScheduledExecutorService executor =
        Executors.newScheduledThreadPool(2, NodeTransport.daemonThreads());
    LedgerServer started;
    try {
      List<BindableService> extra = new ArrayList<>();
      if (policy instanceof CompliancePolicy compliance) {
        extra.add(
            new RecordQueries(
                ledger.view(),
                compliance,
                logKey.verifierKey().encode(),
                anchorChains(config),
                System::currentTimeMillis));
      }
      Backend backend = new Backend(ledger.view(), ledger::append, store, ledger);
      started =
          serve(
              config,
              backend,
              logKey.verifierKey().encode(),
              extra,
              executor,
              anchorChains(config));
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      ledger.close();
      throw e;
    }
    try {
      started.anchoring =
          NodeAnchoring.startIfConfigured(config, ledger, logKey, started.anchorHealth);
    } catch (IOException | MalformedException | RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /**
   * Serves the read side of a log this node does not write (a replica): reads, proofs, Follow and
   * checkpoints from {@code view}; appends are refused with FAILED_PRECONDITION. {@code extra}
   * services are added; {@code backend} is closed last by {@link #close}.
   */
  public static LedgerServer startReadOnly(
      NodeConfig config,
      LedgerView view,
      CosignatureStore cosignatures,
      String logKey,
      List<BindableService> extra,
      AutoCloseable backend)
      throws IOException {
    ScheduledExecutorService executor =
        Executors.newScheduledThreadPool(2, NodeTransport.daemonThreads());
    try {
      return serve(
          config,
          new Backend(view, READ_ONLY, cosignatures, backend),
          logKey,
          extra,
          executor,
          List.of());
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
  }

  private static final LedgerServiceImpl.Appender READ_ONLY =
      envelope -> {
        throw new ReadOnlyNodeException();
      };

  private static LedgerServer serve(
      NodeConfig config,
      Backend backend,
      String logKey,
      List<BindableService> extra,
      ScheduledExecutorService executor,
      List<Long> anchorChains)
      throws IOException {
    ServerLimits l = config.limits();
    LedgerView view = backend.view();
    Cosignatures cosignatures = new Cosignatures(config.witnessKeys(), backend.cosignatures());
    EntryStreamer streamer = new EntryStreamer(view, cosignatures, executor, l.followPoll());
    NodeMetrics metrics = new NodeMetrics(() -> treeSize(view), streamer::following);
    List<ServerServiceDefinition> services = new ArrayList<>();
    services.add(
        ServerInterceptors.intercept(
            new LedgerServiceImpl(
                view,
                backend.appender(),
                logKey,
                cosignatures,
                streamer,
                executor,
                l,
                metrics,
                anchorChains),
            new AppendRateLimiter(l.appendRatePerSecond(), l.appendBurst(), System::nanoTime),
            new CallMetrics(metrics)));
    extra.forEach(s -> services.add(ServerInterceptors.intercept(s, new CallMetrics(metrics))));
    HealthStatusManager health = new HealthStatusManager();
    Server server = NodeTransport.grpcServer(config, services, health);
    MetricsServer http = NodeTransport.metricsServer(config, metrics, server);
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(LedgerServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    AnchorHealth anchorHealth = new AnchorHealth(health, anchorChains);
    metrics.anchoring(anchorHealth::gauges);
    LedgerServer started =
        new LedgerServer(
            server, backend.closeLast(), health, streamer, executor, l, http, anchorHealth);
    started.logStarted(config, view);
    return started;
  }

  /** What a node serves: a view, where appends go, cosignature storage, what to close last. */
  private record Backend(
      LedgerView view,
      LedgerServiceImpl.Appender appender,
      CosignatureStore cosignatures,
      AutoCloseable closeLast) {}

  /** The latest checkpoint's size; 0 before a replica has accepted its first. */
  private static long treeSize(LedgerView view) {
    try {
      return view.latestCheckpoint().checkpoint().size();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static List<Long> anchorChains(NodeConfig config) {
    return config.anchor().map(AnchorConfig::chainIds).orElse(List.of());
  }

  private void logStarted(NodeConfig config, LedgerView view) {
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
            treeSize(view)));
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
    // crash here: every answered append is durable; queued ones commit in backend.close() below.
    try {
      backend.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.ERROR, "closing the log failed", e);
    }
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
}
