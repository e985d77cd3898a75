package org.rmbt.ledger.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A replica's settings ({@code replica_of}, {@code witness_key_file}); a node without them is a
 * primary.
 *
 * @param host the primary's host
 * @param port the primary's gRPC port
 * @param witnessKeyFile this replica's C2SP signer key for {@code cosignature/v1}; empty: verify
 *     and serve, but cosign nothing
 * @param backoffMin first reconnect delay
 * @param backoffMax largest reconnect delay (jittered below it)
 */
public record ReplicaConfig(
    String host,
    int port,
    Optional<Path> witnessKeyFile,
    Duration backoffMin,
    Duration backoffMax) {
  public static final Duration DEFAULT_BACKOFF_MIN = Duration.ofMillis(200);
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);

  public ReplicaConfig {
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("replica_of: want HOST:PORT with a port in [1, 65535]");
    }
    if (backoffMin.isNegative() || backoffMin.isZero() || backoffMax.compareTo(backoffMin) < 0) {
      throw new IllegalArgumentException("want 0 < backoffMin <= backoffMax");
    }
  }

  public ReplicaConfig withBackoff(Duration min, Duration max) {
    return new ReplicaConfig(host, port, witnessKeyFile, min, max);
  }
}
