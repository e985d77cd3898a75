package org.rmbt.ledger.node.anchor;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.verify.ProofBundle;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * Checks a proof bundle's anchor against nothing but a chain endpoint: the endpoint serves chain
 * {@code chainId}; transaction {@code txHash} succeeded in block {@code blockNumber}, which is
 * still that number's block on the chain; and it carries an {@code Anchored} event emitted by
 * {@code registry} (for the log id, when given) with exactly {@code treeSize} and {@code root}.
 *
 * <p>Not checked here: that the bundle's checkpoint extends the anchored (treeSize, root) — that is
 * core.verify's consistency proof from the anchored size; nor how final the block is (an auditor
 * who cares compares {@code blockNumber} with the chain's finalized tag).
 */
public final class ChainAnchorVerifier {
  private final Web3j web3j;

  public ChainAnchorVerifier(String rpcUrl) {
    this(new HttpService(rpcUrl));
  }

  ChainAnchorVerifier(Web3jService service) {
    this.web3j = Web3j.build(service);
  }

  /**
   * @param logId SHA-256 of the log key the bundle names, to tie the anchor to that log
   * @return the anchored checkpoint hash the event carries (SHA-256 of the signed note with the
   *     log's signature only, {@code SignedCheckpoint.logSignedNote})
   */
  public Hash verify(ProofBundle.Anchor anchor, Optional<Hash> logId)
      throws AnchorVerificationException, IOException {
    long chainId = web3j.ethChainId().send().getChainId().longValueExact();
    require(chainId == anchor.chainId(), "chainId", "endpoint serves chain " + chainId);
    TransactionReceipt r =
        web3j
            .ethGetTransactionReceipt(anchor.txHash())
            .send()
            .getTransactionReceipt()
            .orElseThrow(() -> fail("txHash", "no receipt for " + anchor.txHash()));
    require(r.isStatusOK(), "txHash", "transaction reverted");
    long number = r.getBlockNumber().longValueExact();
    require(number == anchor.blockNumber(), "blockNumber", "transaction is in block " + number);
    EthBlock.Block block =
        web3j
            .ethGetBlockByNumber(DefaultBlockParameter.valueOf(r.getBlockNumber()), false)
            .send()
            .getBlock();
    require(
        block != null && block.getHash().equalsIgnoreCase(r.getBlockHash()),
        "blockHash",
        "block " + number + " is no longer the one holding the transaction (reorg)");
    return matchEvent(anchor, logId, r.getLogs());
  }

  private static Hash matchEvent(
      ProofBundle.Anchor anchor,
      Optional<Hash> logId,
      List<org.web3j.protocol.core.methods.response.Log> logs)
      throws AnchorVerificationException {
    List<AnchoredEvent> events =
        logs.stream()
            .filter(l -> l.getAddress().equalsIgnoreCase(anchor.registry()))
            .map(AnchoredEvent::decode)
            .flatMap(Optional::stream)
            .toList();
    require(!events.isEmpty(), "registry", "no Anchored event from " + anchor.registry());
    AnchoredEvent e = events.get(0);
    require(events.size() == 1, "registry", events.size() + " Anchored events in one tx");
    require(e.treeSize() == anchor.treeSize(), "treeSize", "chain anchored size " + e.treeSize());
    require(
        e.root().equals(anchor.root()), "root", "chain anchored another root " + e.root().base64());
    if (logId.isPresent()) {
      require(e.logId().equals(logId.get()), "logId", "anchored for log id " + e.logId().hex());
    }
    return e.checkpointHash();
  }

  private static void require(boolean ok, String check, String why)
      throws AnchorVerificationException {
    if (!ok) {
      throw fail(check, why);
    }
  }

  private static AnchorVerificationException fail(String check, String why) {
    return new AnchorVerificationException(check, why);
  }

  public void close() {
    web3j.shutdown();
  }
}
