package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rmbt.ledger.node.anchor.AnvilChain.OWNER;
import static org.rmbt.ledger.node.anchor.AnvilChain.SUBMITTER;
import static org.rmbt.ledger.node.anchor.Registries.bytes32;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.web3j.tx.gas.StaticEIP1559GasProvider;

/** One log anchored in two jurisdictions: two anvil chains with their own chain ids. */
class TwoJurisdictionsTest {
  private static final byte[] LOG = Registries.logId("log key shared");

  @Test
  void eachChainKeepsItsOwnHeadAndRefusesTheOthersTransactions() throws Exception {
    try (AnvilChain eu = AnvilChain.start(31337);
        AnvilChain uk = AnvilChain.start(4242)) {
      LedgerAnchorRegistry euReg = register(eu);
      LedgerAnchorRegistry ukReg = register(uk);
      var euSub = Registries.as(eu, euReg.getContractAddress(), SUBMITTER);
      var ukSub = Registries.as(uk, ukReg.getContractAddress(), SUBMITTER);
      euSub.anchor(LOG, BigInteger.valueOf(7), bytes32(7), bytes32(0xc7)).send();
      ukSub.anchor(LOG, BigInteger.valueOf(5), bytes32(5), bytes32(0xc5)).send();
      euSub.anchor(LOG, BigInteger.valueOf(9), bytes32(9), bytes32(0xc9)).send();

      assertThat(euReg.head(LOG).send().component1()).isEqualTo(BigInteger.valueOf(9));
      assertThat(ukReg.head(LOG).send().component1()).isEqualTo(BigInteger.valueOf(5));
      assertThat(uk.web3j().ethChainId().send().getChainId().longValueExact()).isEqualTo(4242);

      // EIP-155: a transaction signed for chain 31337 is not valid on chain 4242.
      var replay =
          LedgerAnchorRegistry.load(
              ukReg.getContractAddress(),
              uk.web3j(),
              Registries.txManager(uk, SUBMITTER),
              new StaticEIP1559GasProvider(
                  31337, AnvilChain.gwei(20), AnvilChain.gwei(1), BigInteger.valueOf(500_000)));
      assertThatThrownBy(
              () -> replay.anchor(LOG, BigInteger.valueOf(6), bytes32(6), bytes32(6)).send())
          .hasMessageContaining("chain");
      assertThat(ukReg.head(LOG).send().component1()).isEqualTo(BigInteger.valueOf(5));
    }
  }

  private static LedgerAnchorRegistry register(AnvilChain chain) throws Exception {
    LedgerAnchorRegistry r = Registries.deploy(chain, OWNER);
    r.registerLog(LOG, List.of(SUBMITTER.getAddress())).send();
    return r;
  }
}
