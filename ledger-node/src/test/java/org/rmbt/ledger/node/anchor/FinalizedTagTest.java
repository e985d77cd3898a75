package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.node.anchor.AnchorFixture.LOG_ID;
import static org.rmbt.ledger.node.anchor.AnchorFixture.checkpoint;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.node.anchor.AnchorFixture.MutableClock;
import org.rmbt.ledger.node.anchor.AnchorFixture.RecordingSink;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Issue 7: the {@code finalized} confirmation mode on a real anvil chain. With one slot per epoch
 * anvil's {@code finalized} tag trails the head by two blocks, so an anchor mined in block B is
 * receipted only once the chain reaches B + 2, not one block earlier.
 */
class FinalizedTagTest {
  private static final long CHAIN = 31_431;

  @Test
  void anAnchorIsFinalOnlyWhenTheFinalizedTagReachesItsBlock() throws Exception {
    try (AnvilChain chain = AnvilChain.start(CHAIN, "--slots-in-an-epoch", "1")) {
      LedgerAnchorRegistry r = Registries.deploy(chain, AnvilChain.OWNER);
      r.registerLog(LOG_ID.bytes(), List.of(AnvilChain.SUBMITTER.getAddress())).send();
      String key = AnvilChain.SUBMITTER.getEcKeyPair().getPrivateKey().toString(16);
      ChainTarget t =
          new ChainTarget(CHAIN, chain.rpcUrl(), r.getContractAddress(), key, Finality.finalized());
      RecordingSink sink = new RecordingSink();
      try (AnchorService s =
          new AnchorService(
              LOG_ID,
              () -> Optional.of(checkpoint(12, 0x12)),
              new AnchorPolicy(10, Duration.ofMinutes(10)),
              List.of(t),
              sink,
              new MutableClock(),
              Duration.ofSeconds(1))) {
        s.runOnce(); // sent and mined at once (automine)
        s.runOnce();
        long mined = chain.blockNumber();
        assertThat(finalized(chain)).isEqualTo(mined - 2);
        assertThat(sink.results).as("mined, not finalized").isEmpty();
        chain.mine(1);
        s.runOnce();
        assertThat(finalized(chain)).isEqualTo(mined - 1);
        assertThat(sink.results).as("one block short of finalized").isEmpty();
        chain.mine(1);
        s.runOnce();
        assertThat(finalized(chain)).isEqualTo(mined);
        assertThat(sink.results).hasSize(1);
        assertThat(sink.results.get(0).blockNumber()).isEqualTo(mined);
        assertThat(sink.results.get(0).treeSize()).isEqualTo(12);
        assertThat(s.health().get(0).anchoredSize()).isEqualTo(12);
        assertThat(s.health().get(0).anchorsSent()).isEqualTo(1);
      }
    }
  }

  private static long finalized(AnvilChain chain) throws Exception {
    return chain
        .web3j()
        .ethGetBlockByNumber(DefaultBlockParameterName.FINALIZED, false)
        .send()
        .getBlock()
        .getNumber()
        .longValueExact();
  }
}
