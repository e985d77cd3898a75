package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.node.anchor.AnvilChain.OWNER;
import static org.rmbt.ledger.node.anchor.AnvilChain.SUBMITTER;
import static org.rmbt.ledger.node.anchor.Registries.bytes32;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Gas per call, measured on anvil and written to target/anchor-gas.md (contracts/GAS.md copies it).
 * The target: a steady-state anchor ≤ 50,000 gas whatever the entries it covers.
 */
class RegistryGasTest {
  private static final byte[] LOG = Registries.logId("log key gas");
  private static final byte[] CP = bytes32(0xcc);

  @Test
  void steadyStateAnchorStaysUnder50kWhateverTheSizeCovered() throws Exception {
    Map<String, Long> gas = new LinkedHashMap<>();
    try (AnvilChain chain = AnvilChain.start(31337)) {
      LedgerAnchorRegistry owner = Registries.deploy(chain, OWNER);
      gas.put("deploy", used(owner.getTransactionReceipt().orElseThrow()));
      gas.put(
          "registerLog (1 submitter)",
          used(owner.registerLog(LOG, List.of(SUBMITTER.getAddress())).send()));
      var s = Registries.as(chain, owner.getContractAddress(), SUBMITTER);
      gas.put("anchor, first (fresh slots)", used(s.anchor(LOG, size(5), bytes32(1), CP).send()));
      gas.put("anchor, +1 entry", used(s.anchor(LOG, size(6), bytes32(2), CP).send()));
      gas.put(
          "anchor, +1,000,000 entries",
          used(s.anchor(LOG, size(1_000_006), bytes32(3), CP).send()));
      gas.put(
          "anchor, size 2^63-1", used(s.anchor(LOG, size(Long.MAX_VALUE), bytes32(4), CP).send()));
      gas.put(
          "anchor, same (size, root): no-op",
          used(s.anchor(LOG, size(Long.MAX_VALUE), bytes32(4), CP).send()));
      gas.put(
          "anchor, same size other root: equivocation + freeze",
          used(s.anchor(LOG, size(Long.MAX_VALUE), bytes32(5), CP).send()));
      gas.put(
          "setSubmitter",
          used(owner.setSubmitter(LOG, AnvilChain.OUTSIDER.getAddress(), true).send()));
    }
    write(gas);
    long small = gas.get("anchor, +1 entry");
    assertThat(small).isLessThanOrEqualTo(50_000);
    // Only calldata differs (16 gas per non-zero byte instead of 4): at most 8 bytes of size.
    assertThat(gas.get("anchor, size 2^63-1") - small).isBetween(0L, 8L * 12);
    assertThat(gas.get("anchor, +1,000,000 entries") - small).isBetween(0L, 8L * 12);
  }

  private static BigInteger size(long n) {
    return BigInteger.valueOf(n);
  }

  private static long used(TransactionReceipt r) {
    assertThat(r.isStatusOK()).isTrue();
    return r.getGasUsed().longValueExact();
  }

  private static void write(Map<String, Long> gas) throws IOException {
    StringBuilder md = new StringBuilder("| call | gas used (incl. 21,000 base) |\n|---|---:|\n");
    gas.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    System.out.print(md);
    Path out = Path.of("target", "anchor-gas.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md);
  }
}
