package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.node.anchor.AnchorFixture.LOG_ID;
import static org.rmbt.ledger.node.anchor.AnchorFixture.checkpoint;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.verify.ProofBundle;
import org.rmbt.ledger.node.anchor.AnchorFixture.FlakyHttp;
import org.rmbt.ledger.node.anchor.AnchorFixture.MutableClock;
import org.rmbt.ledger.node.anchor.AnchorFixture.RecordingSink;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;

/** AnchorService on real anvil chains: policy, finality, two jurisdictions, and each fault. */
class AnchorServiceTest {
  private static final AnchorPolicy POLICY = new AnchorPolicy(10, Duration.ofMinutes(10));
  private static final Duration BACKOFF = Duration.ofSeconds(2);

  private final List<AutoCloseable> open = new ArrayList<>();
  private final Map<Long, FlakyHttp> transports = new HashMap<>();
  private final RecordingSink sink = new RecordingSink();
  private final MutableClock clock = new MutableClock();
  private final AtomicReference<Optional<SignedCheckpoint>> latest =
      new AtomicReference<>(Optional.empty());

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private AnvilChain chain(long chainId) throws Exception {
    AnvilChain c = AnvilChain.start(chainId);
    open.add(c);
    return c;
  }

  private ChainTarget target(AnvilChain chain, Finality finality) throws Exception {
    LedgerAnchorRegistry r = Registries.deploy(chain, AnvilChain.OWNER);
    r.registerLog(LOG_ID.bytes(), List.of(AnvilChain.SUBMITTER.getAddress())).send();
    String key = AnvilChain.SUBMITTER.getEcKeyPair().getPrivateKey().toString(16);
    return new ChainTarget(chain.chainId(), chain.rpcUrl(), r.getContractAddress(), key, finality);
  }

  private AnchorService service(List<ChainTarget> targets) {
    AnchorService s =
        new AnchorService(
            LOG_ID,
            latest::get,
            POLICY,
            targets,
            sink,
            clock,
            BACKOFF,
            t -> transports.computeIfAbsent(t.chainId(), id -> new FlakyHttp(t.rpcUrl())));
    open.add(s);
    return s;
  }

  private static long anchoredEvents(AnvilChain chain, String registry) throws Exception {
    EthFilter f =
        new EthFilter(
            DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, registry);
    f.addSingleTopic(AnchoredEvent.TOPIC);
    return chain.web3j().ethGetLogs(f).send().getLogs().size();
  }

  private static long submitterTxCount(AnvilChain chain) throws Exception {
    return chain
        .web3j()
        .ethGetTransactionCount(AnvilChain.SUBMITTER.getAddress(), DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount()
        .longValueExact();
  }

  @Test
  void anchorsOnTwoChainsOnlyOnceFinalAndFollowsThePolicy() throws Exception {
    AnvilChain eu = chain(31337);
    AnvilChain uk = chain(4242);
    ChainTarget euT = target(eu, Finality.confirmations(2));
    ChainTarget ukT = target(uk, Finality.confirmations(3));
    AnchorService s = service(List.of(euT, ukT));
    latest.set(Optional.of(checkpoint(12, 0x12)));
    s.runOnce();
    assertThat(sink.results).as("sent, not final yet").isEmpty();
    eu.mine(1);
    uk.mine(1);
    s.runOnce();
    assertThat(sink.results).extracting(AnchorResult::chainId).containsExactly(31337L);
    uk.mine(1);
    s.runOnce();
    assertThat(sink.results).extracting(AnchorResult::chainId).containsExactly(31337L, 4242L);
    for (AnchorResult r : sink.results) {
      assertThat(r.treeSize()).isEqualTo(12);
      assertThat(r.root().bytes()).isEqualTo(Registries.bytes32(0x12));
      assertThat(r.toReceipt().getRegistryAddress().size()).isEqualTo(20);
    }

    latest.set(Optional.of(checkpoint(15, 0x15))); // 3 new entries: not due before 10 minutes
    s.runOnce();
    assertThat(anchoredEvents(eu, euT.registry())).isEqualTo(1);
    clock.advance(Duration.ofMinutes(10));
    s.runOnce();
    eu.mine(1);
    uk.mine(2);
    s.runOnce();
    assertThat(sink.results).extracting(AnchorResult::treeSize).containsExactly(12L, 12L, 15L, 15L);
    assertThat(s.healthy()).isTrue();
  }

  @Test
  void rpcDownBacksOffAndResumesWithoutADuplicateAnchor() throws Exception {
    AnvilChain eu = chain(31337);
    ChainTarget t = target(eu, Finality.confirmations(2));
    AnchorService s = service(List.of(t));
    latest.set(Optional.of(checkpoint(12, 0x12)));
    s.runOnce();
    transports.get(31337L).down = true;
    eu.mine(1);
    s.runOnce();
    assertThat(s.health().get(0).consecutiveFailures()).isEqualTo(1);
    transports.get(31337L).down = false;
    s.runOnce(); // still backing off: not even tried
    assertThat(sink.results).isEmpty();
    clock.advance(BACKOFF);
    s.runOnce();
    assertThat(sink.results).hasSize(1);
    assertThat(s.health().get(0).consecutiveFailures()).isZero();
    assertThat(anchoredEvents(eu, t.registry())).isEqualTo(1);
    assertThat(submitterTxCount(eu)).isEqualTo(1);
    assertThat(s.delay(30)).isEqualTo(AnchorService.MAX_BACKOFF);
  }

  @Test
  void aRestartedNodeReceiptsWhatTheChainHoldsInsteadOfResending() throws Exception {
    AnvilChain eu = chain(31337);
    ChainTarget t = target(eu, Finality.confirmations(2));
    latest.set(Optional.of(checkpoint(12, 0x12)));
    AnchorService before = service(List.of(t));
    before.runOnce(); // sent; the node dies before it is final
    before.close();
    transports.clear();

    AnchorService after = service(List.of(t));
    eu.mine(1);
    after.runOnce();
    assertThat(sink.results).hasSize(1);
    assertThat(sink.results.get(0).treeSize()).isEqualTo(12);
    assertThat(submitterTxCount(eu)).isEqualTo(1);
  }

  @Test
  void aReorgBeforeFinalityResendsAndReceiptsOnlyTheFinalAnchor() throws Exception {
    AnvilChain eu = chain(31337);
    ChainTarget t = target(eu, Finality.confirmations(3));
    AnchorService s = service(List.of(t));
    latest.set(Optional.of(checkpoint(12, 0x12)));
    s.runOnce();
    String firstBlock =
        eu.web3j()
            .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
            .send()
            .getBlock()
            .getHash();
    eu.reorg(1);
    for (int i = 0; i < 4 && sink.results.isEmpty(); i++) {
      s.runOnce();
      eu.mine(1);
    }
    s.runOnce();
    assertThat(sink.results).hasSize(1);
    AnchorResult r = sink.results.get(0);
    assertThat(r.blockHash()).isNotEqualTo(firstBlock);
    String canonical =
        eu.web3j()
            .ethGetBlockByNumber(
                org.web3j.protocol.core.DefaultBlockParameter.valueOf(
                    BigInteger.valueOf(r.blockNumber())),
                false)
            .send()
            .getBlock()
            .getHash();
    assertThat(r.blockHash()).isEqualTo(canonical);
    assertThat(anchoredEvents(eu, t.registry())).isEqualTo(1);
    ChainAnchorVerifier v = new ChainAnchorVerifier(eu.rpcUrl());
    v.verify(bundleAnchor(r), Optional.of(LOG_ID));
    v.close();
  }

  @Test
  void aFrozenLogIdRaisesTheAlarmAndStopsThatChain() throws Exception {
    AnvilChain eu = chain(31337);
    ChainTarget t = target(eu, Finality.confirmations(1));
    AnchorService s = service(List.of(t));
    latest.set(Optional.of(checkpoint(12, 0x12)));
    s.runOnce();
    assertThat(s.health().get(0).lastError()).isEmpty();
    s.runOnce(); // anvil may hand out the receipt a moment after the hash
    assertThat(sink.results).hasSize(1);
    // Someone with the submitter key anchors another root at size 12: equivocation.
    Registries.as(eu, t.registry(), AnvilChain.SUBMITTER)
        .anchor(
            LOG_ID.bytes(), BigInteger.valueOf(12), Registries.bytes32(0x66), Registries.bytes32(0))
        .send();
    latest.set(Optional.of(checkpoint(40, 0x40)));
    long txs = submitterTxCount(eu);
    s.runOnce();
    assertThat(s.healthy()).isFalse();
    assertThat(s.health().get(0).frozen()).isTrue();
    s.runOnce();
    assertThat(submitterTxCount(eu)).isEqualTo(txs);
  }

  static ProofBundle.Anchor bundleAnchor(AnchorResult r) {
    return new ProofBundle.Anchor(
        r.chainId(), r.registry(), r.txHash(), r.blockNumber(), r.treeSize(), r.root());
  }
}
