package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.rmbt.ledger.node.anchor.AnchorFixture.LOG_ID;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.verify.ProofBundle.Anchor;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** A bundle anchor holds only if the chain backs every field; each mutation names its check. */
class ChainAnchorVerifierTest {
  private static AnvilChain chain;
  private static Anchor good;
  private static ChainAnchorVerifier verifier;

  @BeforeAll
  static void anchorOnce() throws Exception {
    chain = AnvilChain.start(4242);
    LedgerAnchorRegistry r = Registries.deploy(chain, AnvilChain.OWNER);
    r.registerLog(LOG_ID.bytes(), List.of(AnvilChain.SUBMITTER.getAddress())).send();
    TransactionReceipt tx =
        Registries.as(chain, r.getContractAddress(), AnvilChain.SUBMITTER)
            .anchor(
                LOG_ID.bytes(),
                BigInteger.valueOf(5),
                Registries.bytes32(5),
                Registries.bytes32(0xc5))
            .send();
    good =
        new Anchor(
            4242,
            r.getContractAddress(),
            tx.getTransactionHash(),
            tx.getBlockNumber().longValueExact(),
            5,
            new Hash(Registries.bytes32(5)));
    verifier = new ChainAnchorVerifier(chain.rpcUrl());
  }

  @AfterAll
  static void stop() {
    verifier.close();
    chain.close();
  }

  @Test
  void theChainBacksTheAnchor() throws Exception {
    assertThat(verifier.verify(good, Optional.of(LOG_ID)).bytes())
        .isEqualTo(Registries.bytes32(0xc5));
  }

  @Test
  void eachWrongFieldFailsWithItsReason() throws Exception {
    Hash otherRoot = new Hash(Registries.bytes32(6));
    String otherAddress = "0x" + "11".repeat(20);
    String noTx = "0x" + "ab".repeat(32);
    assertFails(
        with(
            good.chainId() + 1, good.registry(), good.txHash(), good.blockNumber(), 5, good.root()),
        "chainId");
    assertFails(
        with(good.chainId(), good.registry(), noTx, good.blockNumber(), 5, good.root()), "txHash");
    assertFails(
        with(
            good.chainId(), good.registry(), good.txHash(), good.blockNumber() + 1, 5, good.root()),
        "blockNumber");
    assertFails(
        with(good.chainId(), otherAddress, good.txHash(), good.blockNumber(), 5, good.root()),
        "registry");
    assertFails(
        with(good.chainId(), good.registry(), good.txHash(), good.blockNumber(), 4, good.root()),
        "treeSize");
    assertFails(
        with(good.chainId(), good.registry(), good.txHash(), good.blockNumber(), 5, otherRoot),
        "root");
    AnchorVerificationException e =
        catchThrowableOfType(
            AnchorVerificationException.class,
            () -> verifier.verify(good, Optional.of(new Hash(Registries.bytes32(9)))));
    assertThat(e.check()).isEqualTo("logId");
  }

  private static Anchor with(
      long chainId, String registry, String tx, long block, long size, Hash root) {
    return new Anchor(chainId, registry, tx, block, size, root);
  }

  private static void assertFails(Anchor a, String check) {
    AnchorVerificationException e =
        catchThrowableOfType(
            AnchorVerificationException.class, () -> verifier.verify(a, Optional.empty()));
    assertThat(e).as(check).isNotNull();
    assertThat(e.check()).isEqualTo(check);
  }
}
