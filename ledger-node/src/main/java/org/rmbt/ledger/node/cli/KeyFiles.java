package org.rmbt.ledger.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * Key files: {@code NAME.key} holds the C2SP signer key string (owner-only permissions), {@code
 * NAME.pub} the verifier key string. A key argument is either such a string or {@code @file}.
 */
final class KeyFiles {
  private KeyFiles() {}

  static void write(Path dir, SignerKey key) throws IOException {
    Files.createDirectories(dir);
    Path priv = dir.resolve(fileStem(key.name()) + ".key");
    Files.writeString(priv, key.encode() + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(
        dir.resolve(fileStem(key.name()) + ".pub"),
        key.verifierKey().encode() + "\n",
        StandardCharsets.UTF_8);
  }

  /** A key name as a file name: a log origin such as {@code example.org/log} has slashes. */
  static String fileStem(String keyName) {
    return keyName.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static SignerKey signerKey(String arg) throws IOException, MalformedException {
    return SignerKey.parse(text(arg));
  }

  static VerifierKey verifierKey(String arg) throws IOException, MalformedException {
    return VerifierKey.parse(text(arg));
  }

  private static String text(String arg) throws IOException {
    return arg.startsWith("@") ? Files.readString(Path.of(arg.substring(1))).strip() : arg;
  }
}
