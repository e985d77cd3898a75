package org.rmbt.ledger.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.proto.FollowRequest;
import org.rmbt.ledger.proto.FollowResponse;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.GetInclusionProofRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc.LedgerServiceBlockingStub;

/** The Prometheus endpoint on metrics_port, scraped over HTTP and parsed strictly. */
class MetricsEndpointTest {
  private static final Pattern SAMPLE =
      Pattern.compile("([a-z_]+)(?:\\{([^}]*)\\})? (-?[0-9.]+|\\+Inf)");

  @TempDir Path dir;

  @Test
  void scrapeShowsAppendsProofsRejectionsAndStreams() throws Exception {
    NodeConfig c = TestNode.config(dir);
    NodeConfig withMetrics =
        new NodeConfig(
            c.dataDir(),
            c.listenAddress(),
            0,
            c.logKeyFile(),
            c.signerKeys(),
            c.witnessKeys(),
            c.tls(),
            c.limits(),
            c.ledger(),
            freePort());
    try (TestNode node = TestNode.start(dir, withMetrics)) {
      LedgerServiceBlockingStub stub = node.blocking();
      for (long i = 0; i < 5; i++) {
        stub.append(TestNode.append(i));
      }
      stub.append(TestNode.append(0)); // duplicate
      stub.getInclusionProof(GetInclusionProofRequest.newBuilder().setIndex(1).build());
      assertThatThrownBy(
              () -> stub.getCheckpoint(GetCheckpointRequest.newBuilder().setSize(99).build()))
          .isInstanceOf(StatusRuntimeException.class);
      Context.CancellableContext follow = Context.current().withCancellation();
      Iterator<FollowResponse> it =
          follow.call(
              () -> node.blocking().follow(FollowRequest.newBuilder().setFromIndex(0).build()));
      it.next(); // the stream is open
      Map<String, Double> m = scrape(node.server().metricsPort());
      assertThat(m.get("rmbt_appends_total{result=\"appended\"}")).isEqualTo(5.0);
      assertThat(m.get("rmbt_appends_total{result=\"duplicate\"}")).isEqualTo(1.0);
      assertThat(m.get("rmbt_append_latency_seconds_count")).isEqualTo(6.0);
      assertThat(m.get("rmbt_tree_size")).isEqualTo(5.0);
      assertThat(m.get("rmbt_proof_latency_seconds_count{proof=\"inclusion\"}")).isEqualTo(1.0);
      assertThat(m.get("rmbt_requests_rejected_total{code=\"NOT_FOUND\"}")).isEqualTo(1.0);
      assertThat(m.get("rmbt_follow_streams")).isEqualTo(1.0);
      assertThat(m.get("rmbt_append_batch_entries_count")).isGreaterThanOrEqualTo(1.0);
      follow.cancel(null);
    }
  }

  /** Scrapes and checks the format: metadata first, cumulative buckets, +Inf equals _count. */
  static Map<String, Double> scrape(int port) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    Map<String, Double> samples = new HashMap<>();
    Set<String> typed = new HashSet<>();
    Map<String, Double> lastBucket = new HashMap<>();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("# TYPE ")) {
        assertThat(typed.add(line.split(" ")[2])).as("one TYPE per family: " + line).isTrue();
        continue;
      }
      if (line.startsWith("# HELP ")) {
        continue;
      }
      Matcher s = SAMPLE.matcher(line);
      assertThat(s.matches()).as(line).isTrue();
      String family = s.group(1).replaceAll("_(bucket|sum|count)$", "");
      assertThat(typed).as("TYPE before " + line).contains(family);
      double v =
          s.group(3).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(s.group(3));
      samples.put(s.group(2) == null ? s.group(1) : s.group(1) + "{" + s.group(2) + "}", v);
      if (s.group(1).endsWith("_bucket")) {
        String series = s.group(1) + s.group(2).replaceAll("le=\"[^\"]*\"", "");
        assertThat(v)
            .as("cumulative " + line)
            .isGreaterThanOrEqualTo(lastBucket.getOrDefault(series, 0.0));
        lastBucket.put(series, v);
        if (s.group(2).contains("le=\"+Inf\"")) {
          String labels = s.group(2).replaceAll(",?le=\"\\+Inf\"", "");
          String count = family + "_count" + (labels.isEmpty() ? "" : "{" + labels + "}");
          assertThat(r.body()).contains(count + " " + (long) v + "\n");
        }
      }
    }
    return samples;
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
