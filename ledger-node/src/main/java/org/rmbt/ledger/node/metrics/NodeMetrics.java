package org.rmbt.ledger.node.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * What the node counts for Prometheus. Names, help texts and buckets are here and in {@code
 * docs/OPERATORS.md}; {@link #scrape()} writes them in text format 0.0.4.
 */
public final class NodeMetrics {
  /** Latency buckets in seconds, 0.5 ms to 10 s. */
  private static final double[] SECONDS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final Map<String, LongAdder> appends = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private final Histogram batchEntries = Histogram.exponential(1, 2, 12);
  private final Histogram appendSeconds = new Histogram(SECONDS);
  private final Map<String, Histogram> proofSeconds = new ConcurrentHashMap<>();
  private final AtomicLong lastCheckpointSize = new AtomicLong(-1);
  private final LongSupplier treeSize;
  private final LongSupplier followStreams;
  private volatile Supplier<List<AnchorGauge>> anchoring = List::of;

  /**
   * @param treeSize the latest checkpoint's size, read at scrape time
   * @param followStreams open Follow streams, read at scrape time
   */
  public NodeMetrics(LongSupplier treeSize, LongSupplier followStreams) {
    this.treeSize = treeSize;
    this.followStreams = followStreams;
    for (String r : new String[] {"appended", "duplicate", "refused"}) {
      appends.put(r, new LongAdder());
    }
  }

  /**
   * One append answered after {@code nanos}: {@code refused} if it failed. A checkpoint size larger
   * than any seen before counts the entries since the previous one as one batch (the sequencer
   * signs a checkpoint per committed batch).
   */
  public void appended(long nanos, boolean refused, boolean duplicate, long checkpointSize) {
    String result = refused ? "refused" : duplicate ? "duplicate" : "appended";
    appends.get(result).increment();
    appendSeconds.observe(nanos / 1e9);
    long prev = lastCheckpointSize.get();
    while (!refused && checkpointSize > prev) {
      if (lastCheckpointSize.compareAndSet(prev, checkpointSize)) {
        if (prev >= 0) {
          batchEntries.observe(checkpointSize - prev);
        }
        return;
      }
      prev = lastCheckpointSize.get();
    }
  }

  /** A proof call ({@code inclusion}, {@code consistency}, {@code bundle}) took {@code nanos}. */
  public void proof(String kind, long nanos) {
    proofSeconds.computeIfAbsent(kind, k -> new Histogram(SECONDS)).observe(nanos / 1e9);
  }

  /** A call ended with a status other than OK; {@code code} is the status code's name. */
  public void rejected(String code) {
    rejected.computeIfAbsent(code, k -> new LongAdder()).increment();
  }

  /** Per-chain anchoring figures, read at scrape time; none unless the node anchors. */
  public void anchoring(Supplier<List<AnchorGauge>> gauges) {
    this.anchoring = gauges;
  }

  /** Everything, in text exposition format 0.0.4. */
  public String scrape() {
    StringBuilder out = new StringBuilder();
    counters(out, "rmbt_appends_total", "Appends answered, by result.", "result", appends);
    Exposition.header(
        out,
        "rmbt_append_batch_entries",
        "histogram",
        "Entries per new checkpoint seen by appends (the sequencer's batch size).");
    batchEntries.write(out, "rmbt_append_batch_entries", "");
    Exposition.header(
        out, "rmbt_append_latency_seconds", "histogram", "Time from request to durable answer.");
    appendSeconds.write(out, "rmbt_append_latency_seconds", "");
    Exposition.header(out, "rmbt_tree_size", "gauge", "Size of the latest signed checkpoint.");
    out.append("rmbt_tree_size ").append(treeSize.getAsLong()).append('\n');
    Exposition.header(
        out, "rmbt_proof_latency_seconds", "histogram", "Time to answer a proof call, by kind.");
    new TreeMap<>(proofSeconds)
        .forEach((k, h) -> h.write(out, "rmbt_proof_latency_seconds", "proof=\"" + k + "\","));
    Exposition.header(out, "rmbt_follow_streams", "gauge", "Open Follow streams.");
    out.append("rmbt_follow_streams ").append(followStreams.getAsLong()).append('\n');
    counters(
        out,
        "rmbt_requests_rejected_total",
        "Calls ended with an error, by gRPC code.",
        "code",
        rejected);
    writeAnchoring(out, anchoring.get());
    return out.toString();
  }

  private static void writeAnchoring(StringBuilder out, List<AnchorGauge> chains) {
    if (chains.isEmpty()) {
      return;
    }
    anchorFamily(
        out,
        "rmbt_anchor_tree_size",
        "gauge",
        "Largest tree size anchored and final, by chain.",
        chains,
        AnchorGauge::anchoredSize);
    anchorFamily(
        out,
        "rmbt_anchor_sent_total",
        "counter",
        "Anchor transactions sent, by chain.",
        chains,
        AnchorGauge::sent);
    anchorFamily(
        out,
        "rmbt_anchor_failures_total",
        "counter",
        "Failed anchoring rounds (RPC or receipt), by chain.",
        chains,
        AnchorGauge::failures);
    anchorFamily(
        out,
        "rmbt_anchor_frozen",
        "gauge",
        "1 when the registry froze the log id (equivocation), by chain.",
        chains,
        g -> g.frozen() ? 1 : 0);
  }

  private static void anchorFamily(
      StringBuilder out,
      String name,
      String type,
      String help,
      List<AnchorGauge> chains,
      ToLongFunction<AnchorGauge> value) {
    Exposition.header(out, name, type, help);
    for (AnchorGauge g : chains) {
      out.append(name)
          .append("{chain=\"")
          .append(g.chainId())
          .append("\"} ")
          .append(value.applyAsLong(g))
          .append('\n');
    }
  }

  private static void counters(
      StringBuilder out, String name, String help, String label, Map<String, LongAdder> values) {
    Exposition.header(out, name, "counter", help);
    new TreeMap<>(values)
        .forEach(
            (k, v) ->
                out.append(name)
                    .append('{')
                    .append(label)
                    .append("=\"")
                    .append(k)
                    .append("\"} ")
                    .append(v.sum())
                    .append('\n'));
  }
}
