package org.rmbt.ledger.node.anchor;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * The registry on one chain, over web3j: reads, one send, lookups. Every method is one or a few RPC
 * calls and throws {@link IOException} when the endpoint fails; no retries here.
 */
final class RegistryClient {
  /** Well above a measured anchor (≤ 56k gas, contracts/GAS.md) so a limit never reverts it. */
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(120_000);

  private final ChainTarget target;
  private final Web3j web3j;
  private final Credentials credentials;
  private final FastRawTransactionManager txManager;
  private final LedgerAnchorRegistry registry;

  RegistryClient(ChainTarget target, Web3jService service) {
    this.target = target;
    this.web3j = Web3j.build(service);
    this.credentials = Credentials.create(target.privateKeyHex());
    // Fast: counts nonces locally so a resend after a reorg is a deliberate resetNonce().
    this.txManager = new FastRawTransactionManager(web3j, credentials, target.chainId());
    this.registry =
        LedgerAnchorRegistry.load(
            target.registry(), web3j, txManager, new StaticGasProvider(BigInteger.ZERO, GAS_LIMIT));
  }

  ChainTarget target() {
    return target;
  }

  ChainHead head(Hash logId) throws IOException {
    try {
      var h = registry.head(logId.bytes()).send();
      return new ChainHead(
          h.component1().longValueExact(),
          new Hash(h.component2()),
          h.component3().longValueExact(),
          h.component4());
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("head() on chain " + target.chainId() + ": " + e.getMessage(), e);
    }
  }

  /** Our sent transactions not yet in a block: after a restart, a sign to wait, not resend. */
  boolean hasPendingTransactions() throws IOException {
    String me = credentials.getAddress();
    BigInteger pending =
        web3j
            .ethGetTransactionCount(me, DefaultBlockParameterName.PENDING)
            .send()
            .getTransactionCount();
    BigInteger mined =
        web3j
            .ethGetTransactionCount(me, DefaultBlockParameterName.LATEST)
            .send()
            .getTransactionCount();
    return pending.compareTo(mined) > 0;
  }

  /** Sends anchor(logId, size, root, checkpointHash) with EIP-1559 fees; returns the tx hash. */
  String sendAnchor(Hash logId, long size, Hash root, Hash checkpointHash) throws IOException {
    String data =
        registry
            .anchor(logId.bytes(), BigInteger.valueOf(size), root.bytes(), checkpointHash.bytes())
            .encodeFunctionCall();
    BigInteger tip = web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
    BigInteger baseFee = block(DefaultBlockParameterName.LATEST).orElseThrow().getBaseFeePerGas();
    // Twice the base fee survives six full blocks of +12.5% before the tx stops being includable.
    BigInteger maxFee = baseFee.shiftLeft(1).add(tip);
    EthSendTransaction sent =
        txManager.sendEIP1559Transaction(
            target.chainId(), tip, maxFee, GAS_LIMIT, target.registry(), data, BigInteger.ZERO);
    if (sent.hasError()) {
      throw new IOException("anchor tx rejected: " + sent.getError().getMessage());
    }
    return sent.getTransactionHash();
  }

  /** After a reorg dropped our transactions the local nonce is ahead of the chain's. */
  void resetNonce() throws IOException {
    txManager.resetNonce();
  }

  Optional<TransactionReceipt> receipt(String txHash) throws IOException {
    return web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
  }

  /** Whether the node still knows the transaction at all (mined or in its pool). */
  boolean knowsTransaction(String txHash) throws IOException {
    return web3j.ethGetTransactionByHash(txHash).send().getTransaction().isPresent();
  }

  Optional<EthBlock.Block> block(DefaultBlockParameter at) throws IOException {
    return Optional.ofNullable(web3j.ethGetBlockByNumber(at, false).send().getBlock());
  }

  Optional<EthBlock.Block> block(long number) throws IOException {
    return block(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)));
  }

  /** The Anchored event for (logId, size) in block {@code number}, as the head view names it. */
  Optional<Log> anchoredEvent(Hash logId, long size, long number) throws IOException {
    DefaultBlockParameter at = DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
    EthFilter filter = new EthFilter(at, at, target.registry());
    filter.addSingleTopic(AnchoredEvent.TOPIC);
    filter.addSingleTopic(Numeric.toHexString(logId.bytes()));
    filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(size), 64));
    for (EthLog.LogResult<?> r : web3j.ethGetLogs(filter).send().getLogs()) {
      if (r.get() instanceof Log log) {
        return Optional.of(log);
      }
    }
    return Optional.empty();
  }

  void shutdown() {
    web3j.shutdown();
  }
}
