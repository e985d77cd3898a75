package org.rmbt.ledger.node.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The node's TLS identity, and whom it accepts as clients.
 *
 * @param certChainFile PEM certificate chain, leaf first
 * @param privateKeyFile PEM PKCS#8 private key of the leaf certificate
 * @param clientCaFile PEM CA certificates that client certificates must chain to
 * @param requireClientAuth refuse clients without a certificate from {@code clientCaFile} (mTLS)
 */
public record TlsConfig(
    Path certChainFile,
    Path privateKeyFile,
    Optional<Path> clientCaFile,
    boolean requireClientAuth) {
  public TlsConfig {
    if (requireClientAuth && clientCaFile.isEmpty()) {
      throw new IllegalArgumentException("requiring client certificates needs a client CA file");
    }
  }
}
