package org.rmbt.ledger.node.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Prometheus endpoint: {@code GET /metrics} on its own port, one daemon thread. Anything else
 * gets 404 (405 for other methods on /metrics); request bodies are never read.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService executor;

  private MetricsServer(HttpServer http, ExecutorService executor) {
    this.http = http;
    this.executor = executor;
  }

  public static MetricsServer start(String address, int port, NodeMetrics metrics)
      throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 16);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "rmbt-metrics");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(executor);
    http.createContext("/", e -> answer(e, 404, "text/plain", "not found\n"));
    http.createContext(
        "/metrics",
        e -> {
          if (!e.getRequestMethod().equals("GET") && !e.getRequestMethod().equals("HEAD")) {
            answer(e, 405, "text/plain", "GET only\n");
          } else {
            answer(e, 200, Exposition.CONTENT_TYPE, metrics.scrape());
          }
        });
    http.start();
    return new MetricsServer(http, executor);
  }

  private static void answer(HttpExchange e, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().set("Content-Type", type);
    boolean head = e.getRequestMethod().equals("HEAD");
    e.sendResponseHeaders(status, head ? -1 : bytes.length);
    try (OutputStream out = e.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }

  public int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
