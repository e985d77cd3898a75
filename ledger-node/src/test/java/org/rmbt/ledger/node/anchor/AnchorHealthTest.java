package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * Issue 7: anchoring in the node's metrics and gRPC health, on a real anvil chain. A final anchor
 * shows in {@code rmbt_anchor_*}; an equivocation on chain freezes the log id, and then the frozen
 * gauge is 1 and health service {@code rmbt.anchor} (and the chain's) is NOT_SERVING while the
 * ledger service still serves.
 */
class AnchorHealthTest {
  private static final long CHAIN = 31_421;
  private static final String ANCHOR = "rmbt.anchor";
  private static final String THIS_CHAIN = "rmbt.anchor/" + CHAIN;

  @Test
  void anEquivocationOnChainShowsInMetricsAndHealth(@TempDir Path dir) throws Exception {
    int metricsPort = freePort();
    try (AnvilChain chain = AnvilChain.start(CHAIN)) {
      String registry = AnchoredNode.deployRegistry(chain);
      try (AnchoredNode node =
          new AnchoredNode(
              dir, chain, registry, 8, "witness-gb", List.of("metrics_port = " + metricsPort))) {
        ManagedChannel channel =
            ManagedChannelBuilder.forAddress("127.0.0.1", node.server.port())
                .usePlaintext()
                .build();
        try {
          var health = HealthGrpc.newBlockingStub(channel);
          assertThat(status(health, ANCHOR)).isEqualTo(ServingStatus.SERVING);
          assertThat(status(health, THIS_CHAIN)).isEqualTo(ServingStatus.SERVING);

          node.appendSampleThrough("register witness-gb");
          String first =
              awaitMetric(metricsPort, "rmbt_anchor_tree_size{chain=\"" + CHAIN + "\"} 8");
          assertThat(first)
              .contains("rmbt_anchor_sent_total{chain=\"" + CHAIN + "\"} 1")
              .contains("rmbt_anchor_failures_total{chain=\"" + CHAIN + "\"} 0")
              .contains("rmbt_anchor_frozen{chain=\"" + CHAIN + "\"} 0");

          // Whoever holds the submitter key anchors another root at size 8: the registry freezes.
          Registries.as(chain, registry, AnvilChain.SUBMITTER)
              .anchor(
                  AnchorService.logId(AnchoredNode.LOG_KEY.privateKey().publicKey()).bytes(),
                  BigInteger.valueOf(8),
                  Registries.bytes32(0x66),
                  Registries.bytes32(0))
              .send();
          awaitMetric(metricsPort, "rmbt_anchor_frozen{chain=\"" + CHAIN + "\"} 1");
          assertThat(status(health, ANCHOR)).isEqualTo(ServingStatus.NOT_SERVING);
          assertThat(status(health, THIS_CHAIN)).isEqualTo(ServingStatus.NOT_SERVING);
          assertThat(status(health, LedgerServiceGrpc.SERVICE_NAME))
              .isEqualTo(ServingStatus.SERVING);
        } finally {
          channel.shutdownNow();
        }
      }
    }
  }

  private static ServingStatus status(HealthGrpc.HealthBlockingStub health, String service) {
    return health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  /** Scrapes until a line appears (the service updates metrics after each 100 ms round). */
  private static String awaitMetric(int port, String line) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest get =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
    long deadline = System.nanoTime() + 30_000_000_000L;
    String body = "";
    while (System.nanoTime() < deadline) {
      body = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
      if (body.lines().anyMatch(line::equals)) {
        return body;
      }
      AnvilChain.sleep(100);
    }
    throw new AssertionError("no metric line " + line + " within 30 s; last scrape:\n" + body);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
