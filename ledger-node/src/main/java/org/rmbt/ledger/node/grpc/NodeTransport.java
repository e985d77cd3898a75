package org.rmbt.ledger.node.grpc;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.node.config.ServerLimits;
import org.rmbt.ledger.node.config.TlsConfig;
import org.rmbt.ledger.node.metrics.MetricsServer;
import org.rmbt.ledger.node.metrics.NodeMetrics;

/**
 * A node's listeners: the Netty gRPC server with every configured limit, TLS or mTLS, health and
 * reflection; and the Prometheus endpoint.
 */
final class NodeTransport {
  private NodeTransport() {}

  static Server grpcServer(
      NodeConfig config, List<ServerServiceDefinition> services, HealthStatusManager health)
      throws IOException {
    InetSocketAddress address = new InetSocketAddress(config.listenAddress(), config.port());
    return limit(NettyServerBuilder.forAddress(address, credentials(config)), config.limits())
        .addServices(services)
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(reflectionV1Alpha())
        .build()
        .start();
  }

  /**
   * The Prometheus endpoint on {@code metrics_port}, on the gRPC address; null if the port is 0.
   */
  static MetricsServer metricsServer(NodeConfig config, NodeMetrics metrics, Server grpc)
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

  static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "rmbt-grpc-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
