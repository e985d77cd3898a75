package org.rmbt.ledger.node.anchor;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * The registry owner's side (DESIGN.md, "Chain anchoring"): deploy a {@code LedgerAnchorRegistry}
 * and register a log with the accounts that may anchor it. Each call waits for its transaction's
 * receipt (up to a minute). A call the contract would refuse is dry-run first and reported with the
 * contract's error name, as bad input; an unreachable endpoint is an {@link IOException}.
 */
public final class RegistryAdmin implements AutoCloseable {
  /** Measured: deploy 734,275 gas, registerLog 69,891 with one submitter (contracts/GAS.md). */
  private static final BigInteger DEPLOY_GAS = BigInteger.valueOf(1_000_000);

  private static final BigInteger REGISTER_GAS = BigInteger.valueOf(80_000);
  private static final BigInteger PER_SUBMITTER_GAS = BigInteger.valueOf(30_000);
  private static final BigInteger SET_SUBMITTER_GAS = BigInteger.valueOf(60_000);
  private static final Map<String, String> ERRORS =
      Map.of(
          selector("NotOwner(address)"), "NotOwner: the key is not the registry's owner",
          selector("NoSubmitters()"), "NoSubmitters: at least one submitter is needed",
          selector("LogAlreadyRegistered(bytes32)"), "LogAlreadyRegistered: the log id is taken",
          selector("LogNotRegistered(bytes32)"), "LogNotRegistered: register the log first");

  /** A deployed registry: its address and the deploying transaction, on chain {@code chainId}. */
  public record Deployed(long chainId, String registry, String txHash, String owner) {}

  private final Web3j web3j;
  private final Credentials credentials;
  private final long chainId;
  private final FastRawTransactionManager txManager;

  /**
   * @param privateKeyHex the owner's secp256k1 key as hex (never printed)
   */
  public RegistryAdmin(String rpcUrl, String privateKeyHex) throws IOException {
    this.web3j = Web3j.build(new HttpService(rpcUrl));
    this.credentials = Credentials.create(privateKeyHex);
    this.chainId = web3j.ethChainId().send().getChainId().longValueExact();
    this.txManager =
        new FastRawTransactionManager(
            web3j, credentials, chainId, new PollingTransactionReceiptProcessor(web3j, 200, 300));
  }

  public long chainId() {
    return chainId;
  }

  public Deployed deploy() throws IOException {
    try {
      LedgerAnchorRegistry r =
          LedgerAnchorRegistry.deploy(web3j, txManager, gas(DEPLOY_GAS)).send();
      String tx = r.getTransactionReceipt().map(TransactionReceipt::getTransactionHash).orElse("");
      return new Deployed(chainId, r.getContractAddress(), tx, credentials.getAddress());
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("deploying the registry on chain " + chainId + ": " + e, e);
    }
  }

  /** Registers {@code logId} with its submitters; returns the transaction hash. */
  public String register(String registry, Hash logId, List<String> submitters)
      throws IOException, MalformedException {
    BigInteger limit =
        REGISTER_GAS.add(PER_SUBMITTER_GAS.multiply(BigInteger.valueOf(submitters.size())));
    LedgerAnchorRegistry r = LedgerAnchorRegistry.load(registry, web3j, txManager, gas(limit));
    return send(registry, "registerLog", r.registerLog(logId.bytes(), submitters));
  }

  /**
   * Authorises or revokes {@code submitter} for the registered {@code logId}: how a node's chain
   * key is rotated without registering the log again (which would lose its head). Returns the
   * transaction hash.
   */
  public String setSubmitter(String registry, Hash logId, String submitter, boolean authorised)
      throws IOException, MalformedException {
    LedgerAnchorRegistry r =
        LedgerAnchorRegistry.load(registry, web3j, txManager, gas(SET_SUBMITTER_GAS));
    return send(registry, "setSubmitter", r.setSubmitter(logId.bytes(), submitter, authorised));
  }

  /** Dry-runs {@code call} (a refusal names the contract's error), then sends it. */
  private String send(String registry, String what, RemoteFunctionCall<TransactionReceipt> call)
      throws IOException, MalformedException {
    dryRun(registry, call.encodeFunctionCall());
    try {
      return call.send().getTransactionHash();
    } catch (TransactionException e) {
      throw new MalformedException(
          "registry", "the registry refused " + what + ": " + e.getMessage());
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(what + " on chain " + chainId + ": " + e, e);
    }
  }

  private void dryRun(String registry, String data) throws IOException, MalformedException {
    if (web3j.ethGetCode(registry, DefaultBlockParameterName.LATEST).send().getCode().length()
        <= 2) {
      throw new MalformedException(
          "registry", "no contract at " + registry + " on chain " + chainId);
    }
    EthCall c =
        web3j
            .ethCall(
                Transaction.createEthCallTransaction(credentials.getAddress(), registry, data),
                DefaultBlockParameterName.LATEST)
            .send();
    if (c.hasError()) {
      String raw = String.valueOf(c.getError().getData()).replace("\"", "");
      String known = raw.length() >= 10 ? ERRORS.get(raw.substring(0, 10)) : null;
      throw new MalformedException(
          "registry", "reverts: " + (known != null ? known : c.getError().getMessage()));
    }
  }

  /** EIP-1559 fees from the chain: twice the base fee plus the suggested tip. */
  private StaticEIP1559GasProvider gas(BigInteger limit) throws IOException {
    BigInteger tip = web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
    BigInteger base =
        web3j
            .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
            .send()
            .getBlock()
            .getBaseFeePerGas();
    return new StaticEIP1559GasProvider(chainId, base.shiftLeft(1).add(tip), tip, limit);
  }

  private static String selector(String signature) {
    return org.web3j.crypto.Hash.sha3String(signature).substring(0, 10);
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
