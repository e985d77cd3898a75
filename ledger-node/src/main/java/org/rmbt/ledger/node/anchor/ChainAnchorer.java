package org.rmbt.ledger.node.anchor;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Anchors one log on one chain, one round at a time: at most one anchor transaction in flight, and
 * a result only once its block is final and still canonical. All memory it needs to resume is on
 * the chain (the registry head) and in the log (what is receipted), so a new instance after a
 * restart picks up where the old one stopped without sending twice.
 */
final class ChainAnchorer {
  private record Pending(String txHash, long size, Hash root) {}

  private final RegistryClient client;
  private final Hash logId;
  private Pending pending;
  private Instant lastAnchorAt;
  private long anchoredSize;
  private long sent;

  ChainAnchorer(RegistryClient client, Hash logId) {
    this.client = client;
    this.logId = logId;
  }

  ChainTarget target() {
    return client.target();
  }

  /** The largest size known anchored and final here: receipted, or found final this run. */
  long anchoredSize() {
    return anchoredSize;
  }

  /** Anchor transactions sent by this instance. */
  long sent() {
    return sent;
  }

  /** One round: a final anchor to receipt, if one became final now. */
  Optional<AnchorResult> step(
      Optional<SignedCheckpoint> latest, AnchorPolicy policy, AnchorSink log, Instant now)
      throws IOException, LogFrozenException {
    OptionalLong receipted = log.receiptedSize(target().chainId(), target().registry());
    anchoredSize = Math.max(anchoredSize, receipted.orElse(0));
    if (pending != null) {
      return checkPending();
    }
    ChainHead head = client.head(logId);
    if (head.frozen()) {
      throw new LogFrozenException(target().chainId(), target().registry());
    }
    if (head.treeSize() > receipted.orElse(0)) {
      // On chain but not in the log: sent before a restart, or the sink failed. Receipt that one.
      Log event = client.anchoredEvent(logId, head.treeSize(), head.blockNumber()).orElseThrow();
      pending = new Pending(event.getTransactionHash(), head.treeSize(), head.root());
      return checkPending();
    }
    if (lastAnchorAt == null) {
      lastAnchorAt = now;
    }
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    Checkpoint cp = latest.get().checkpoint();
    long fresh =
        cp.size() <= head.treeSize()
            ? 0
            : cp.size() - head.treeSize() - log.receiptsBetween(head.treeSize(), cp.size());
    if (!policy.due(fresh, lastAnchorAt, now) || client.hasPendingTransactions()) {
      // An unmined tx of ours (from before a restart) may be this very anchor: wait for it.
      return Optional.empty();
    }
    String tx =
        client.sendAnchor(logId, cp.size(), cp.root(), sha256(latest.get().logSignedNote()));
    sent++;
    // crash here: the chain may take the tx; the next instance finds it via the head or the pool.
    pending = new Pending(tx, cp.size(), cp.root());
    lastAnchorAt = now;
    return checkPending();
  }

  private Optional<AnchorResult> checkPending() throws IOException {
    Optional<TransactionReceipt> found = client.receipt(pending.txHash());
    if (found.isEmpty()) {
      if (!client.knowsTransaction(pending.txHash())) {
        // A reorg dropped it: start over from the head next round, with the chain's nonce.
        pending = null;
        client.resetNonce();
      }
      return Optional.empty();
    }
    TransactionReceipt r = found.get();
    long number = r.getBlockNumber().longValueExact();
    if (!r.isStatusOK() || !isFinal(number)) {
      pending = r.isStatusOK() ? pending : null;
      return Optional.empty();
    }
    Optional<EthBlock.Block> canonical = client.block(number);
    if (canonical.isEmpty() || !canonical.get().getHash().equalsIgnoreCase(r.getBlockHash())) {
      return Optional.empty(); // reorged under us; the receipt lookup moves with the chain
    }
    Optional<AnchoredEvent> event =
        r.getLogs().stream()
            .map(AnchoredEvent::decode)
            .flatMap(Optional::stream)
            .filter(e -> e.logId().equals(logId) && e.treeSize() == pending.size())
            .findFirst();
    Pending done = pending;
    pending = null;
    event.ifPresent(e -> anchoredSize = Math.max(anchoredSize, e.treeSize()));
    // No event: our tx was a no-op (same size and root already anchored); the head leads on.
    return event.map(
        e ->
            new AnchorResult(
                target().chainId(),
                target().registry(),
                done.txHash(),
                number,
                r.getBlockHash(),
                e.treeSize(),
                e.root()));
  }

  private boolean isFinal(long number) throws IOException {
    Finality f = target().finality();
    if (f.finalizedTag()) {
      Optional<EthBlock.Block> fin = client.block(DefaultBlockParameterName.FINALIZED);
      return fin.isPresent() && fin.get().getNumber().longValueExact() >= number;
    }
    long latest =
        client.block(DefaultBlockParameterName.LATEST).orElseThrow().getNumber().longValueExact();
    return latest - number + 1 >= f.confirmations();
  }

  static Hash sha256(byte[] bytes) {
    try {
      return new Hash(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }

  void shutdown() {
    client.shutdown();
  }
}
