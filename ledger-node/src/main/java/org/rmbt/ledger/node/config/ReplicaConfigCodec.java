package org.rmbt.ledger.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * Reads the replica keys of {@code node.conf} ({@code replica_of = HOST:PORT}, {@code
 * witness_key_file}) from values {@link NodeConfigCodec#parse} already checked for unknown and
 * repeated keys.
 */
public final class ReplicaConfigCodec {
  private ReplicaConfigCodec() {}

  /** The replica settings if {@code replica_of} is set; a witness key needs it. */
  public static Optional<ReplicaConfig> decode(Map<String, List<String>> values, Path baseDir)
      throws MalformedException {
    Optional<String> of = one(values, "replica_of");
    Optional<Path> witness =
        one(values, "witness_key_file").map(s -> baseDir.resolve(s).normalize());
    if (of.isEmpty()) {
      if (witness.isPresent()) {
        throw new MalformedException("witness_key_file", "only a replica (replica_of) cosigns");
      }
      return Optional.empty();
    }
    String hostPort = of.get();
    int colon = hostPort.lastIndexOf(':');
    String port = colon <= 0 ? "" : hostPort.substring(colon + 1);
    if (!port.matches("[1-9][0-9]{0,4}") || Integer.parseInt(port) > 65535) {
      throw new MalformedException("replica_of", "want HOST:PORT, port in [1, 65535]");
    }
    return Optional.of(
        new ReplicaConfig(
            hostPort.substring(0, colon),
            Integer.parseInt(port),
            witness,
            ReplicaConfig.DEFAULT_BACKOFF_MIN,
            ReplicaConfig.DEFAULT_BACKOFF_MAX));
  }

  private static Optional<String> one(Map<String, List<String>> values, String key) {
    List<String> vs = values.getOrDefault(key, List.of());
    return vs.isEmpty() ? Optional.empty() : Optional.of(vs.get(0));
  }
}
