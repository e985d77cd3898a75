package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.rmbt.ledger.node.cli.Rmbt;
import org.rmbt.ledger.node.cli.RmbtRun;

/**
 * Issue 7: {@code rmbt registry deploy} and {@code rmbt registry register} on a real anvil chain
 * set up a registry a node then anchors to; refusals name the option or the contract's error.
 */
class RegistryCommandTest {
  private static final long CHAIN = 31_441;

  @Test
  void deployAndRegisterSetUpARegistryTheNodeAnchorsTo(@TempDir Path dir) throws Exception {
    try (AnvilChain chain = AnvilChain.start(CHAIN)) {
      Path owner = hexKey(dir, "owner.hex", AnvilChain.OWNER.getEcKeyPair().getPrivateKey());
      RmbtRun.Result deployed =
          RmbtRun.run("registry", "deploy", "--rpc", chain.rpcUrl(), "--key", owner.toString());
      assertThat(deployed.code()).as(deployed.err()).isEqualTo(Rmbt.OK);
      assertThat(deployed.out()).startsWith("registry 0x").contains("on chain " + CHAIN);
      String registry = deployed.out().split(" ")[1];

      Path logPub =
          Files.writeString(dir.resolve("log.pub"), AnchoredNode.LOG_KEY.verifierKey().encode());
      String[] register = {
        "registry",
        "register",
        "--rpc",
        chain.rpcUrl(),
        "--key",
        owner.toString(),
        "--registry",
        registry,
        "--log-key",
        "@" + logPub,
        "--submitter",
        AnvilChain.SUBMITTER.getAddress()
      };
      RmbtRun.Result ok = RmbtRun.run(register);
      assertThat(ok.code()).as(ok.err()).isEqualTo(Rmbt.OK);
      byte[] logId = AnchorService.logId(AnchoredNode.LOG_KEY.privateKey().publicKey()).bytes();
      LedgerAnchorRegistry onChain = Registries.as(chain, registry, AnvilChain.OUTSIDER);
      assertThat(onChain.isRegistered(logId).send()).isTrue();
      assertThat(onChain.isSubmitter(logId, AnvilChain.SUBMITTER.getAddress()).send()).isTrue();

      RmbtRun.Result again = RmbtRun.run(register);
      assertThat(again.code()).isEqualTo(Rmbt.BAD_INPUT);
      assertThat(again.err()).contains("registry").contains("LogAlreadyRegistered");

      Path outsider =
          hexKey(dir, "outsider.hex", AnvilChain.OUTSIDER.getEcKeyPair().getPrivateKey());
      String[] notOwner = register.clone();
      notOwner[5] = outsider.toString();
      RmbtRun.Result refused = RmbtRun.run(notOwner);
      assertThat(refused.code()).isEqualTo(Rmbt.BAD_INPUT);
      assertThat(refused.err()).contains("NotOwner");

      try (AnchoredNode node =
          new AnchoredNode(Files.createDirectories(dir.resolve("node")), chain, registry, 8)) {
        node.appendSampleThrough("register witness-gb");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (node.treeSize() <= 8 && System.nanoTime() < deadline) {
          AnvilChain.sleep(100);
        }
        assertThat(node.treeSize()).as("anchored and receipted").isEqualTo(9);
      }
    }
  }

  @Test
  void setSubmitterRotatesTheAnchoringAccountOfARegisteredLog(@TempDir Path dir) throws Exception {
    try (AnvilChain chain = AnvilChain.start(CHAIN)) {
      Path owner = hexKey(dir, "owner.hex", AnvilChain.OWNER.getEcKeyPair().getPrivateKey());
      String rpc = chain.rpcUrl();
      RmbtRun.Result deployed =
          RmbtRun.run("registry", "deploy", "--rpc", rpc, "--key", owner.toString());
      assertThat(deployed.code()).as(deployed.err()).isEqualTo(Rmbt.OK);
      String registry = deployed.out().split(" ")[1];
      String logKey = AnchoredNode.LOG_KEY.verifierKey().encode();
      String[] common = {"--rpc", rpc, "--key", owner.toString(), "--registry", registry};
      String oldKey = AnvilChain.SUBMITTER.getAddress();
      String newKey = AnvilChain.OUTSIDER.getAddress();

      RmbtRun.Result early = setSubmitter(common, logKey, newKey);
      assertThat(early.code()).isEqualTo(Rmbt.BAD_INPUT);
      assertThat(early.err()).contains("LogNotRegistered");

      assertThat(registry(common, "register", "--log-key", logKey, "--submitter", oldKey).code())
          .isEqualTo(Rmbt.OK);
      RmbtRun.Result added = setSubmitter(common, logKey, newKey);
      assertThat(added.code()).as(added.err()).isEqualTo(Rmbt.OK);
      assertThat(added.out()).contains("submitter " + newKey + " authorised");
      RmbtRun.Result revoked = setSubmitter(common, logKey, oldKey, "--revoke");
      assertThat(revoked.code()).as(revoked.err()).isEqualTo(Rmbt.OK);
      assertThat(revoked.out()).contains("revoked");

      byte[] logId = AnchorService.logId(AnchoredNode.LOG_KEY.privateKey().publicKey()).bytes();
      LedgerAnchorRegistry onChain = Registries.as(chain, registry, AnvilChain.OUTSIDER);
      assertThat(onChain.isSubmitter(logId, newKey).send()).isTrue();
      assertThat(onChain.isSubmitter(logId, oldKey).send()).isFalse();
      RmbtRun.Result badAddress = setSubmitter(common, logKey, "0xnot-an-address");
      assertThat(badAddress.code()).isEqualTo(Rmbt.BAD_INPUT);
      assertThat(badAddress.err()).contains("--submitter");
    }
  }

  private static RmbtRun.Result setSubmitter(
      String[] common, String logKey, String submitter, String... more) {
    String[] args = {"--log-key", logKey, "--submitter", submitter};
    return registry(common, "set-submitter", concat(args, more));
  }

  private static RmbtRun.Result registry(String[] common, String sub, String... args) {
    String[] all = concat(new String[] {"registry", sub}, concat(common, args));
    return RmbtRun.run(all);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void badInputIsExitTwoNamingTheOptionAndNoChainIsExitThree(@TempDir Path dir) throws Exception {
    Path owner = hexKey(dir, "owner.hex", AnvilChain.OWNER.getEcKeyPair().getPrivateKey());
    Path junk = Files.writeString(dir.resolve("junk.hex"), "not hex\n");
    RmbtRun.Result badKey =
        RmbtRun.run("registry", "deploy", "--rpc", "http://127.0.0.1:9", "--key", junk.toString());
    assertThat(badKey.code()).isEqualTo(Rmbt.BAD_INPUT);
    assertThat(badKey.err()).contains("--key");
    RmbtRun.Result badSubmitter =
        RmbtRun.run(
            "registry",
            "register",
            "--rpc",
            "http://127.0.0.1:9",
            "--key",
            owner.toString(),
            "--registry",
            "0x" + "11".repeat(20),
            "--log-key",
            AnchoredNode.LOG_KEY.verifierKey().encode(),
            "--submitter",
            "0x1234");
    assertThat(badSubmitter.code()).isEqualTo(Rmbt.BAD_INPUT);
    assertThat(badSubmitter.err()).contains("--submitter").contains("0x1234");
    RmbtRun.Result noChain =
        RmbtRun.run("registry", "deploy", "--rpc", "http://127.0.0.1:9", "--key", owner.toString());
    assertThat(noChain.code()).isEqualTo(Rmbt.FAULT);
    RmbtRun.Result usage = RmbtRun.run("registry");
    assertThat(usage.code()).isEqualTo(Rmbt.BAD_INPUT);
  }

  private static Path hexKey(Path dir, String name, java.math.BigInteger key) throws Exception {
    return Files.writeString(dir.resolve(name), String.format("%064x%n", key));
  }
}
