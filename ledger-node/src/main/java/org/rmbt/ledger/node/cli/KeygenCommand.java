package org.rmbt.ledger.node.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "keygen",
    description = "Generate an Ed25519 key: NAME.key (secret) and NAME.pub (verifier key).")
final class KeygenCommand implements Callable<Integer> {
  @Option(
      names = "--name",
      required = true,
      description = "Key name; for a log key, the log's origin (e.g. ledger.example.org/log).")
  String name;

  @Option(names = "--out", defaultValue = ".", description = "Directory to write into.")
  Path out;

  @Override
  public Integer call() throws Exception {
    SignerKey key;
    try {
      key = SignerKey.of(name, Ed25519PrivateKey.generate(new SecureRandom()));
    } catch (IllegalArgumentException e) {
      System.err.println("rmbt keygen: --name: " + e.getMessage());
      return Rmbt.BAD_INPUT;
    }
    KeyFiles.write(out, key);
    System.out.println(key.verifierKey().encode());
    return Rmbt.OK;
  }
}
