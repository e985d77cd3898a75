package org.rmbt.ledger.node.anchor;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The registry's {@code Anchored(bytes32 indexed logId, uint64 indexed treeSize, bytes32 root,
 * bytes32 checkpointHash)} log, decoded from chain bytes into checked values.
 */
record AnchoredEvent(String registry, Hash logId, long treeSize, Hash root, Hash checkpointHash) {
  static final String TOPIC = EventEncoder.encode(LedgerAnchorRegistry.ANCHORED_EVENT);

  /** The log if it is an Anchored event at all; decoding is web3j's generated code. */
  static Optional<AnchoredEvent> decode(Log log) {
    List<String> topics = log.getTopics();
    if (topics == null || topics.size() != 3 || !TOPIC.equalsIgnoreCase(topics.get(0))) {
      return Optional.empty();
    }
    var e = LedgerAnchorRegistry.getAnchoredEventFromLog(log);
    BigInteger size = e.treeSize;
    return Optional.of(
        new AnchoredEvent(
            log.getAddress(),
            new Hash(e.logId),
            size.longValueExact(),
            new Hash(e.root),
            new Hash(e.checkpointHash)));
  }
}
