package org.rmbt.ledger.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.node.anchor.AnchorService;
import org.rmbt.ledger.node.anchor.RegistryAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rmbt registry deploy}, {@code register} and {@code set-submitter}: the owner's setup of
 * anchoring on one chain and its key rotation (docs/OPERATORS.md, "Anchoring"). The chain id comes
 * from the endpoint.
 */
@Command(
    name = "registry",
    description = "Set up anchoring on a chain: deploy LedgerAnchorRegistry, register a log.",
    subcommands = {
      RegistryCommand.Deploy.class,
      RegistryCommand.Register.class,
      RegistryCommand.SetSubmitter.class
    })
final class RegistryCommand {
  private static final Pattern KEY_HEX = Pattern.compile("(0x)?[0-9a-fA-F]{64}");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  /** Options both subcommands take. */
  static final class Chain {
    @Option(names = "--rpc", required = true, description = "The chain's JSON-RPC URL.")
    String rpc;

    @Option(
        names = "--key",
        required = true,
        description = "File holding the owner's secp256k1 private key as 64 hex digits (secret).")
    Path key;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    RegistryAdmin open() throws IOException, MalformedException {
      String hex = Files.readString(key, StandardCharsets.UTF_8).strip();
      if (!KEY_HEX.matcher(hex).matches()) {
        throw new MalformedException("--key", key + " does not hold 64 hex digits");
      }
      return new RegistryAdmin(rpc, hex);
    }
  }

  /** The registry and the log a command acts on. */
  static final class RegisteredLog {
    @Option(names = "--registry", required = true, description = "The registry's 0x address.")
    String registry;

    @Option(
        names = "--log-key",
        required = true,
        description = "The log's verifier key, or @file holding it.")
    String logKey;

    VerifierKey key() throws IOException, MalformedException {
      requireAddress("--registry", registry);
      return KeyFiles.verifierKey(logKey);
    }
  }

  @Command(
      name = "deploy",
      description = "Deploy a LedgerAnchorRegistry; the key's account owns it.")
  static final class Deploy implements Callable<Integer> {
    @picocli.CommandLine.Mixin Chain chain = new Chain();

    @Override
    public Integer call() throws IOException, MalformedException {
      try (RegistryAdmin admin = chain.open()) {
        RegistryAdmin.Deployed d = admin.deploy();
        if (chain.json) {
          Report.print(
              Report.object()
                  .put("result", "ok")
                  .put("chainId", d.chainId())
                  .put("registry", d.registry())
                  .put("txHash", d.txHash())
                  .put("owner", d.owner()));
        } else {
          System.out.println(
              "registry "
                  + d.registry()
                  + " on chain "
                  + d.chainId()
                  + ", owner "
                  + d.owner()
                  + ", tx "
                  + d.txHash());
        }
      }
      return Rmbt.OK;
    }
  }

  @Command(
      name = "register",
      description =
          "Register a log (id = SHA-256 of its public key) and the accounts that anchor it.")
  static final class Register implements Callable<Integer> {
    @picocli.CommandLine.Mixin Chain chain = new Chain();
    @picocli.CommandLine.Mixin RegisteredLog log = new RegisteredLog();

    @Option(
        names = "--submitter",
        required = true,
        description = "An account (0x address) allowed to anchor the log (repeatable).")
    List<String> submitters = new ArrayList<>();

    @Override
    public Integer call() throws IOException, MalformedException {
      VerifierKey key = log.key();
      String registry = log.registry;
      for (String s : submitters) {
        requireAddress("--submitter", s);
      }
      Hash logId = AnchorService.logId(key.publicKey());
      try (RegistryAdmin admin = chain.open()) {
        String tx = admin.register(registry, logId, submitters);
        if (chain.json) {
          var n =
              Report.object()
                  .put("result", "ok")
                  .put("chainId", admin.chainId())
                  .put("registry", registry)
                  .put("logId", "0x" + logId.hex())
                  .put("txHash", tx);
          submitters.forEach(n.putArray("submitters")::add);
          Report.print(n);
        } else {
          System.out.println(
              "log "
                  + key.name()
                  + " (log id 0x"
                  + logId.hex()
                  + ") registered at "
                  + registry
                  + " on chain "
                  + admin.chainId()
                  + ", submitters "
                  + String.join(", ", submitters)
                  + ", tx "
                  + tx);
        }
      }
      return Rmbt.OK;
    }
  }

  @Command(
      name = "set-submitter",
      description =
          "Authorise (or with --revoke, revoke) an account that anchors a registered log: how a"
              + " node's chain key is rotated without losing the log's head.")
  static final class SetSubmitter implements Callable<Integer> {
    @picocli.CommandLine.Mixin Chain chain = new Chain();
    @picocli.CommandLine.Mixin RegisteredLog log = new RegisteredLog();

    @Option(names = "--submitter", required = true, description = "The account (0x address).")
    String submitter;

    @Option(names = "--revoke", description = "Revoke the account instead of authorising it.")
    boolean revoke;

    @Override
    public Integer call() throws IOException, MalformedException {
      VerifierKey key = log.key();
      requireAddress("--submitter", submitter);
      Hash logId = AnchorService.logId(key.publicKey());
      String change = revoke ? "revoked" : "authorised";
      try (RegistryAdmin admin = chain.open()) {
        String tx = admin.setSubmitter(log.registry, logId, submitter, !revoke);
        if (chain.json) {
          Report.print(
              Report.object()
                  .put("result", "ok")
                  .put("chainId", admin.chainId())
                  .put("registry", log.registry)
                  .put("logId", "0x" + logId.hex())
                  .put("submitter", submitter)
                  .put("authorised", !revoke)
                  .put("txHash", tx));
        } else {
          System.out.printf(
              "submitter %s %s for log %s at %s on chain %d, tx %s%n",
              submitter, change, key.name(), log.registry, admin.chainId(), tx);
        }
      }
      return Rmbt.OK;
    }
  }

  private static void requireAddress(String option, String value) throws MalformedException {
    if (!ADDRESS.matcher(value).matches()) {
      throw new MalformedException(option, "not a 0x-prefixed 20-byte address: " + value);
    }
  }
}
