package org.rmbt.ledger.node.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.node.anchor.RpcEndpoints;

/** {@code --rpc} values: {@code CHAINID=URL} (one per chain id) or a bare URL (at most one). */
final class RpcEndpointsCodec {
  private RpcEndpointsCodec() {}

  static RpcEndpoints parse(List<String> values) throws MalformedException {
    Map<Long, String> byChain = new HashMap<>();
    Optional<String> forAll = Optional.empty();
    for (String v : values) {
      int eq = v.indexOf('=');
      String id = eq < 0 ? "" : v.substring(0, eq);
      if (id.matches("[1-9][0-9]{0,17}")) {
        String url = v.substring(eq + 1);
        if (url.isEmpty() || byChain.put(Long.parseLong(id), url) != null) {
          throw new MalformedException("--rpc", "chain " + id + ": empty or given twice");
        }
      } else if (forAll.isPresent() || v.isEmpty()) {
        throw new MalformedException("--rpc", "one URL for all chains at most, got " + v);
      } else {
        forAll = Optional.of(v);
      }
    }
    return new RpcEndpoints(byChain, forAll);
  }
}
