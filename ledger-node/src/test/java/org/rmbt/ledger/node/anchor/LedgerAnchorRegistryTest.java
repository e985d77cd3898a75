package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.node.anchor.AnvilChain.OUTSIDER;
import static org.rmbt.ledger.node.anchor.AnvilChain.OWNER;
import static org.rmbt.ledger.node.anchor.AnvilChain.SUBMITTER;
import static org.rmbt.ledger.node.anchor.Registries.assertReverts;
import static org.rmbt.ledger.node.anchor.Registries.bytes32;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Every rule of LedgerAnchorRegistry.sol (DESIGN.md, "Chain anchoring") on a real anvil chain. */
class LedgerAnchorRegistryTest {
  private static final byte[] LOG = Registries.logId("log key A");
  private static final byte[] ROOT_10 = bytes32(0x10);
  private static final byte[] CP_HASH = bytes32(0xcc);

  private static AnvilChain chain;
  private LedgerAnchorRegistry owner;
  private LedgerAnchorRegistry submitter;
  private String address;

  @BeforeAll
  static void startChain() throws Exception {
    chain = AnvilChain.start(31337);
  }

  @AfterAll
  static void stopChain() {
    chain.close();
  }

  @BeforeEach
  void deployAndRegister() throws Exception {
    owner = Registries.deploy(chain, OWNER);
    address = owner.getContractAddress();
    owner.registerLog(LOG, List.of(SUBMITTER.getAddress())).send();
    submitter = Registries.as(chain, address, SUBMITTER);
  }

  private TransactionReceipt anchor(long size, byte[] root) throws Exception {
    return submitter.anchor(LOG, BigInteger.valueOf(size), root, CP_HASH).send();
  }

  @Test
  void registerLogAuthorisesItsSubmittersAndStartsAtAnEmptyHead() throws Exception {
    assertThat(owner.isRegistered(LOG).send()).isTrue();
    assertThat(owner.isSubmitter(LOG, SUBMITTER.getAddress()).send()).isTrue();
    assertThat(owner.isSubmitter(LOG, OUTSIDER.getAddress()).send()).isFalse();
    var head = owner.head(LOG).send();
    assertThat(head.component1()).isZero();
    assertThat(head.component2()).isEqualTo(new byte[32]);
    assertThat(head.component4()).isFalse();
  }

  @Test
  void onlyTheOwnerRegistersAndOnlyOnce() throws Exception {
    byte[] other = Registries.logId("log key B");
    var outsider = Registries.as(chain, address, OUTSIDER);
    assertReverts(
        chain,
        outsider.registerLog(other, List.of(OUTSIDER.getAddress())),
        OUTSIDER,
        address,
        "NotOwner",
        new Address(OUTSIDER.getAddress()));
    assertReverts(
        chain,
        owner.registerLog(LOG, List.of(OUTSIDER.getAddress())),
        OWNER,
        address,
        "LogAlreadyRegistered",
        new Bytes32(LOG));
    assertReverts(chain, owner.registerLog(other, List.of()), OWNER, address, "NoSubmitters");
  }

  @Test
  void unauthorisedSubmitterReverts() throws Exception {
    var outsider = Registries.as(chain, address, OUTSIDER);
    assertReverts(
        chain,
        outsider.anchor(LOG, BigInteger.ONE, ROOT_10, CP_HASH),
        OUTSIDER,
        address,
        "NotSubmitter",
        new Bytes32(LOG),
        new Address(OUTSIDER.getAddress()));
    assertReverts(
        chain,
        owner.anchor(LOG, BigInteger.ONE, ROOT_10, CP_HASH),
        OWNER,
        address,
        "NotSubmitter",
        new Bytes32(LOG),
        new Address(OWNER.getAddress()));
  }

  @Test
  void unregisteredLogReverts() throws Exception {
    byte[] other = Registries.logId("never registered");
    assertReverts(
        chain,
        submitter.anchor(other, BigInteger.ONE, ROOT_10, CP_HASH),
        SUBMITTER,
        address,
        "LogNotRegistered",
        new Bytes32(other));
  }

  @Test
  void anchorEmitsSizeAndRootAndMovesTheHead() throws Exception {
    TransactionReceipt r = anchor(10, ROOT_10);
    var events = LedgerAnchorRegistry.getAnchoredEvents(r);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).logId).isEqualTo(LOG);
    assertThat(events.get(0).treeSize).isEqualTo(BigInteger.TEN);
    assertThat(events.get(0).root).isEqualTo(ROOT_10);
    assertThat(events.get(0).checkpointHash).isEqualTo(CP_HASH);
    var head = owner.head(LOG).send();
    assertThat(head.component1()).isEqualTo(BigInteger.TEN);
    assertThat(head.component2()).isEqualTo(ROOT_10);
    assertThat(head.component3()).isEqualTo(r.getBlockNumber());
    assertThat(head.component4()).isFalse();
  }

  @Test
  void sizesStrictlyIncrease() throws Exception {
    assertReverts(
        chain,
        submitter.anchor(LOG, BigInteger.ZERO, ROOT_10, CP_HASH),
        SUBMITTER,
        address,
        "SizeNotIncreasing",
        new Bytes32(LOG),
        new Uint64(0),
        new Uint64(0));
    anchor(10, ROOT_10);
    assertReverts(
        chain,
        submitter.anchor(LOG, BigInteger.valueOf(9), bytes32(9), CP_HASH),
        SUBMITTER,
        address,
        "SizeNotIncreasing",
        new Bytes32(LOG),
        new Uint64(10),
        new Uint64(9));
    anchor(11, bytes32(0x11));
    assertThat(owner.head(LOG).send().component1()).isEqualTo(BigInteger.valueOf(11));
  }

  @Test
  void sameSizeAndRootAgainIsANoOp() throws Exception {
    TransactionReceipt first = anchor(10, ROOT_10);
    TransactionReceipt again = anchor(10, ROOT_10);
    assertThat(again.isStatusOK()).isTrue();
    assertThat(again.getLogs()).isEmpty();
    var head = owner.head(LOG).send();
    assertThat(head.component1()).isEqualTo(BigInteger.TEN);
    assertThat(head.component3()).isEqualTo(first.getBlockNumber());
    assertThat(head.component4()).isFalse();
  }

  @Test
  void sameSizeOtherRootRecordsEquivocationAndFreezes() throws Exception {
    anchor(10, ROOT_10);
    byte[] forked = bytes32(0xf0);
    TransactionReceipt r = anchor(10, forked);
    var ev = LedgerAnchorRegistry.getEquivocationEvents(r);
    assertThat(ev).hasSize(1);
    assertThat(ev.get(0).treeSize).isEqualTo(BigInteger.TEN);
    assertThat(ev.get(0).anchoredRoot).isEqualTo(ROOT_10);
    assertThat(ev.get(0).conflictingRoot).isEqualTo(forked);
    assertThat(ev.get(0).submitter).isEqualToIgnoringCase(SUBMITTER.getAddress());
    assertThat(LedgerAnchorRegistry.getAnchoredEvents(r)).isEmpty();
    var head = owner.head(LOG).send();
    assertThat(head.component2()).as("the first root stays").isEqualTo(ROOT_10);
    assertThat(head.component4()).as("frozen").isTrue();
    assertReverts(
        chain,
        submitter.anchor(LOG, BigInteger.valueOf(11), bytes32(0x11), CP_HASH),
        SUBMITTER,
        address,
        "LogIsFrozen",
        new Bytes32(LOG));
  }

  @Test
  void freezingOneLogLeavesOthersAlone() throws Exception {
    byte[] other = Registries.logId("log key B");
    owner.registerLog(other, List.of(SUBMITTER.getAddress())).send();
    anchor(10, ROOT_10);
    anchor(10, bytes32(0xf0));
    submitter.anchor(other, BigInteger.TEN, ROOT_10, CP_HASH).send();
    assertThat(owner.head(other).send().component4()).isFalse();
  }

  @Test
  void revokedSubmitterReverts() throws Exception {
    owner.setSubmitter(LOG, SUBMITTER.getAddress(), false).send();
    assertReverts(
        chain,
        submitter.anchor(LOG, BigInteger.ONE, ROOT_10, CP_HASH),
        SUBMITTER,
        address,
        "NotSubmitter",
        new Bytes32(LOG),
        new Address(SUBMITTER.getAddress()));
  }
}
