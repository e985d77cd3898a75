package org.rmbt.ledger.node.grpc;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.rmbt.ledger.node.anchor.ChainStatus;
import org.rmbt.ledger.node.metrics.AnchorGauge;

/**
 * Anchoring as gRPC health and metrics show it. Health service names: {@value #SERVICE} for all
 * chains and {@code rmbt.anchor/<chainId>} for each; SERVING while anchoring can go on, NOT_SERVING
 * once a registry froze the log id (equivocation: no anchor will ever be accepted there again). An
 * unreachable chain stays SERVING (the service retries); its failures are in the metrics.
 */
final class AnchorHealth implements Consumer<List<ChainStatus>> {
  static final String SERVICE = "rmbt.anchor";

  private final HealthStatusManager health;
  private volatile List<ChainStatus> last;

  AnchorHealth(HealthStatusManager health, List<Long> chains) {
    this.health = health;
    this.last =
        chains.stream()
            .map(id -> new ChainStatus(id, false, 0, Optional.empty(), 0, 0, 0))
            .toList();
    accept(last);
  }

  static String service(long chainId) {
    return SERVICE + "/" + chainId;
  }

  @Override
  public void accept(List<ChainStatus> statuses) {
    last = List.copyOf(statuses);
    if (statuses.isEmpty()) {
      return;
    }
    for (ChainStatus s : statuses) {
      health.setStatus(service(s.chainId()), status(!s.frozen()));
    }
    health.setStatus(SERVICE, status(statuses.stream().noneMatch(ChainStatus::frozen)));
  }

  private static ServingStatus status(boolean serving) {
    return serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
  }

  List<AnchorGauge> gauges() {
    return last.stream()
        .map(
            s ->
                new AnchorGauge(
                    s.chainId(), s.anchoredSize(), s.anchorsSent(), s.failures(), s.frozen()))
        .toList();
  }
}
