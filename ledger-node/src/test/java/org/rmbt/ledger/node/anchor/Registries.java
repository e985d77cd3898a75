package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** Deploys and drives the registry through the generated web3j wrapper, as a given account. */
final class Registries {
  private Registries() {}

  static LedgerAnchorRegistry deploy(AnvilChain chain, Credentials owner) throws Exception {
    return LedgerAnchorRegistry.deploy(chain.web3j(), txManager(chain, owner), gas(chain)).send();
  }

  static LedgerAnchorRegistry as(AnvilChain chain, String address, Credentials who) {
    return LedgerAnchorRegistry.load(address, chain.web3j(), txManager(chain, who), gas(chain));
  }

  static FastRawTransactionManager txManager(AnvilChain chain, Credentials who) {
    Web3j w = chain.web3j();
    return new FastRawTransactionManager(
        w, who, chain.chainId(), new PollingTransactionReceiptProcessor(w, 50, 200));
  }

  static StaticEIP1559GasProvider gas(AnvilChain chain) {
    return new StaticEIP1559GasProvider(
        chain.chainId(), AnvilChain.gwei(20), AnvilChain.gwei(1), BigInteger.valueOf(1_000_000));
  }

  static byte[] logId(String publicKeyLabel) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(publicKeyLabel.getBytes());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes32(int fill) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  /**
   * The call reverts with exactly the custom error {@code name(args)}: first as an eth_call (which
   * shows the revert data), then sent for real (which must fail on chain).
   */
  static void assertReverts(
      AnvilChain chain,
      RemoteFunctionCall<TransactionReceipt> call,
      Credentials from,
      String to,
      String error,
      Type<?>... args)
      throws IOException {
    EthCall r =
        chain
            .web3j()
            .ethCall(
                Transaction.createEthCallTransaction(
                    from.getAddress(), to, call.encodeFunctionCall()),
                DefaultBlockParameterName.LATEST)
            .send();
    String expected = FunctionEncoder.encode(new Function(error, List.of(args), List.of()));
    assertThat(r.hasError()).as("eth_call reverts").isTrue();
    // web3j keeps the error's data as raw JSON: a quoted hex string.
    assertThat(r.getError().getData()).isEqualTo('"' + expected + '"');
    assertThatThrownBy(call::send).isInstanceOf(TransactionException.class);
  }
}
