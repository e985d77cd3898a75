package org.rmbt.ledger.node.anchor;

import java.util.Map;
import java.util.Optional;

/**
 * Chain endpoints a verifier was given: one per chain id, and optionally one for every other chain.
 */
public record RpcEndpoints(Map<Long, String> byChain, Optional<String> forAll) {
  public RpcEndpoints {
    byChain = Map.copyOf(byChain);
  }

  public static RpcEndpoints none() {
    return new RpcEndpoints(Map.of(), Optional.empty());
  }

  public boolean isEmpty() {
    return byChain.isEmpty() && forAll.isEmpty();
  }

  public Optional<String> forChain(long chainId) {
    return Optional.ofNullable(byChain.get(chainId)).or(() -> forAll);
  }
}
