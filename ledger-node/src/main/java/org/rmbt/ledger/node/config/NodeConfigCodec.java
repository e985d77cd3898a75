package org.rmbt.ledger.node.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rmbt.ledger.core.checkpoint.KeyType;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.LedgerConfig;

/**
 * The one reader of the node configuration file ({@code node.conf}): one {@code key = value} per
 * line, {@code #} comments, blank lines ignored. Strict: an unknown key, a key set twice (except
 * the repeatable {@code signer_key} and {@code witness_key}), an empty value, a non-canonical
 * number or boolean is refused with the key's name. Relative paths are relative to the file's
 * directory.
 *
 * <p>We chose this over YAML: it needs no parser dependency, and YAML's implicit typing (octal
 * {@code 007}, {@code no} as false) is the kind of leniency this project refuses.
 */
public final class NodeConfigCodec {
  static final Set<String> LIST_KEYS = Set.of("signer_key", "witness_key");
  static final Set<String> KEYS =
      Set.of(
          "data_dir",
          "listen_address",
          "listen_port",
          "log_key_file",
          "signer_key",
          "witness_key",
          "metrics_port",
          "replica_of",
          "witness_key_file",
          "tls.cert_file",
          "tls.key_file",
          "tls.client_ca_file",
          "tls.require_client_auth",
          "ledger.max_batch_entries",
          "ledger.max_batch_delay_millis",
          "ledger.max_queued_entries",
          "limits.max_inbound_message_bytes",
          "limits.max_inbound_metadata_bytes",
          "limits.max_concurrent_calls_per_connection",
          "limits.keepalive_time_seconds",
          "limits.keepalive_timeout_seconds",
          "limits.permit_keepalive_time_seconds",
          "limits.permit_keepalive_without_calls",
          "limits.max_connection_idle_seconds",
          "limits.handshake_timeout_seconds",
          "limits.append_rate_per_second",
          "limits.append_burst",
          "limits.max_entries_per_request",
          "limits.append_stream_window",
          "limits.follow_poll_millis",
          "limits.shutdown_grace_seconds");

  private NodeConfigCodec() {}

  public static NodeConfig read(Path file) throws IOException, MalformedException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return decode(parse(text), file.toAbsolutePath().getParent());
  }

  /** The file's values by key, in file order; checks keys and repetition, not values. */
  public static Map<String, List<String>> parse(String text) throws MalformedException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new MalformedException("line " + (i + 1), "want key = value");
      }
      put(out, line.substring(0, eq).strip(), line.substring(eq + 1).strip(), "line " + (i + 1));
    }
    return out;
  }

  /**
   * Adds one value, as from a file line or a command-line flag.
   *
   * @param where for errors, e.g. {@code "line 7"} or {@code "--port"}
   */
  public static void put(Map<String, List<String>> values, String key, String value, String where)
      throws MalformedException {
    if (!known(key)) {
      throw new MalformedException(key, "unknown key (" + where + ")");
    }
    if (value.isEmpty()) {
      throw new MalformedException(key, "empty value (" + where + ")");
    }
    List<String> vs = values.computeIfAbsent(key, k -> new ArrayList<>());
    if (!vs.isEmpty() && !LIST_KEYS.contains(key)) {
      throw new MalformedException(key, "set twice (" + where + ")");
    }
    vs.add(value);
  }

  public static NodeConfig decode(Map<String, List<String>> values, Path baseDir)
      throws MalformedException {
    Values v = new Values(values, baseDir);
    ServerLimits d = ServerLimits.DEFAULTS;
    int maxBatch = v.integer("ledger.max_batch_entries", LedgerConfig.DEFAULT.maxBatchEntries(), 1);
    int maxQueued = v.integer("ledger.max_queued_entries", LedgerConfig.DEFAULT.maxQueuedEntries());
    if (maxQueued < maxBatch) {
      throw new MalformedException(
          "ledger.max_queued_entries", "must be at least ledger.max_batch_entries");
    }
    NodeConfig base =
        new NodeConfig(
            v.path("data_dir").orElseThrow(() -> v.missing("data_dir")),
            v.string("listen_address", "127.0.0.1"),
            v.port("listen_port", 7443),
            v.path("log_key_file").orElseThrow(() -> v.missing("log_key_file")),
            v.keys("signer_key", KeyType.ED25519),
            v.keys("witness_key", KeyType.COSIGNATURE_V1),
            tls(v),
            limits(v, d),
            new LedgerConfig(maxBatch, v.integer("ledger.max_batch_delay_millis", 0, 0), maxQueued),
            v.port("metrics_port", 0));
    return AnchorConfigCodec.decode(values, baseDir).map(base::withAnchor).orElse(base);
  }

  /** A key of the file: one of {@link #KEYS}, or an {@code anchor.*} key. */
  static boolean known(String key) {
    return KEYS.contains(key) || AnchorConfigCodec.isKey(key);
  }

  private static Optional<TlsConfig> tls(Values v) throws MalformedException {
    Optional<Path> cert = v.path("tls.cert_file");
    Optional<Path> key = v.path("tls.key_file");
    Optional<Path> ca = v.path("tls.client_ca_file");
    boolean require = v.bool("tls.require_client_auth", false);
    if (cert.isEmpty() != key.isEmpty()) {
      throw new MalformedException(
          cert.isEmpty() ? "tls.cert_file" : "tls.key_file", "TLS needs both cert and key files");
    }
    if (cert.isEmpty()) {
      if (ca.isPresent() || require) {
        throw new MalformedException("tls.cert_file", "client authentication needs TLS");
      }
      return Optional.empty();
    }
    if (require && ca.isEmpty()) {
      throw new MalformedException("tls.require_client_auth", "needs tls.client_ca_file");
    }
    return Optional.of(new TlsConfig(cert.get(), key.get(), ca, require));
  }

  private static ServerLimits limits(Values v, ServerLimits d) throws MalformedException {
    return new ServerLimits(
        v.integer("limits.max_inbound_message_bytes", d.maxInboundMessageBytes(), 1024),
        v.integer("limits.max_inbound_metadata_bytes", d.maxInboundMetadataBytes(), 1024),
        v.integer(
            "limits.max_concurrent_calls_per_connection", d.maxConcurrentCallsPerConnection()),
        v.seconds("limits.keepalive_time_seconds", d.keepAliveTime()),
        v.seconds("limits.keepalive_timeout_seconds", d.keepAliveTimeout()),
        v.seconds("limits.permit_keepalive_time_seconds", d.permitKeepAliveTime()),
        v.bool("limits.permit_keepalive_without_calls", d.permitKeepAliveWithoutCalls()),
        v.seconds("limits.max_connection_idle_seconds", d.maxConnectionIdle()),
        v.seconds("limits.handshake_timeout_seconds", d.handshakeTimeout()),
        v.integer("limits.append_rate_per_second", d.appendRatePerSecond()),
        v.integer("limits.append_burst", d.appendBurst()),
        v.integer("limits.max_entries_per_request", d.maxEntriesPerRequest()),
        v.integer("limits.append_stream_window", d.appendStreamWindow()),
        Duration.ofMillis(v.integer("limits.follow_poll_millis", (int) d.followPoll().toMillis())),
        v.seconds("limits.shutdown_grace_seconds", d.shutdownGrace()));
  }

  /** Canonical: ASCII digits, no sign, no leading zero, at most 10 digits. */
  private static long parseDecimal(String key, String t) throws MalformedException {
    if (!t.matches("0|[1-9][0-9]{0,9}")) {
      throw new MalformedException(key, "not a canonical decimal: " + t);
    }
    return Long.parseLong(t);
  }

  /** Typed, strict access to the raw values; every error names its key. */
  private static final class Values {
    private final Map<String, List<String>> raw;
    private final Path baseDir;

    Values(Map<String, List<String>> raw, Path baseDir) throws MalformedException {
      this.raw = raw;
      this.baseDir = baseDir;
      for (Map.Entry<String, List<String>> e : raw.entrySet()) {
        if (!known(e.getKey())) {
          throw new MalformedException(e.getKey(), "unknown key");
        }
        if (e.getValue().size() > 1 && !LIST_KEYS.contains(e.getKey())) {
          throw new MalformedException(e.getKey(), "set twice");
        }
      }
    }

    MalformedException missing(String key) {
      return new MalformedException(key, "required");
    }

    Optional<String> one(String key) {
      List<String> vs = raw.getOrDefault(key, List.of());
      return vs.isEmpty() ? Optional.empty() : Optional.of(vs.get(0));
    }

    String string(String key, String dflt) {
      return one(key).orElse(dflt);
    }

    Optional<Path> path(String key) {
      return one(key).map(s -> baseDir.resolve(s).normalize());
    }

    int integer(String key, int dflt) throws MalformedException {
      return integer(key, dflt, 1);
    }

    /** A canonical decimal in [min, 2^31-1]. */
    int integer(String key, int dflt, int min) throws MalformedException {
      Optional<String> s = one(key);
      if (s.isEmpty()) {
        return dflt;
      }
      long n = parseDecimal(key, s.get());
      if (n < min || n > Integer.MAX_VALUE) {
        throw new MalformedException(key, "must be in [" + min + ", " + Integer.MAX_VALUE + "]");
      }
      return (int) n;
    }

    int port(String key, int dflt) throws MalformedException {
      int p = integer(key, dflt, 0);
      if (p > 65535) {
        throw new MalformedException(key, "must be in [0, 65535]");
      }
      return p;
    }

    Duration seconds(String key, Duration dflt) throws MalformedException {
      return Duration.ofSeconds(integer(key, (int) dflt.toSeconds()));
    }

    boolean bool(String key, boolean dflt) throws MalformedException {
      Optional<String> s = one(key);
      if (s.isEmpty()) {
        return dflt;
      }
      return switch (s.get()) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new MalformedException(key, "must be true or false");
      };
    }

    List<VerifierKey> keys(String key, KeyType type) throws MalformedException {
      List<VerifierKey> out = new ArrayList<>();
      for (String s : raw.getOrDefault(key, List.of())) {
        VerifierKey k;
        try {
          k = VerifierKey.parse(s);
        } catch (MalformedException e) {
          throw new MalformedException(key, e.getMessage(), e);
        }
        if (k.type() != type) {
          throw new MalformedException(key, k.name() + " is not a " + type + " key");
        }
        out.add(k);
      }
      return out;
    }
  }
}
