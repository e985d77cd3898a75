package org.rmbt.ledger.node.cli;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.node.cli.NodeAddressCodec.NodeAddress;
import org.rmbt.ledger.proto.LedgerServiceGrpc;
import picocli.CommandLine.Option;

/** Options every command that talks to a node shares (a picocli mixin), and the channel. */
final class ClientOptions {
  /** Large enough for a proof bundle of the node's default 1000 entries. */
  private static final int MAX_RESPONSE_BYTES = 64 << 20;

  @Option(
      names = "--node",
      defaultValue = "127.0.0.1:7443",
      description = "The node, HOST:PORT (default: ${DEFAULT-VALUE}).")
  String node;

  @Option(
      names = "--tls-ca",
      description = "Use TLS, trusting this PEM CA file for the node's certificate.")
  Path tlsCa;

  @Option(names = "--tls-cert", description = "PEM client certificate chain, for mTLS.")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM PKCS#8 key of --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--deadline-seconds",
      defaultValue = "30",
      description = "Deadline for each call (default: ${DEFAULT-VALUE}); not for follow.")
  int deadlineSeconds;

  @Option(names = "--json", description = "Machine output: JSON (one object per line).")
  boolean json;

  /** A channel to the node; the caller shuts it down. */
  ManagedChannel channel() throws MalformedException, IOException {
    NodeAddress a = NodeAddressCodec.decode("--node", node);
    if (deadlineSeconds < 1) {
      throw new MalformedException("--deadline-seconds", "must be at least 1");
    }
    return NettyChannelBuilder.forAddress(a.host(), a.port(), credentials())
        .maxInboundMessageSize(MAX_RESPONSE_BYTES)
        .build();
  }

  private ChannelCredentials credentials() throws MalformedException, IOException {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new MalformedException("--tls-cert", "--tls-cert and --tls-key go together");
    }
    if (tlsCa == null) {
      if (tlsCert != null) {
        throw new MalformedException("--tls-cert", "a client certificate needs --tls-ca");
      }
      return InsecureChannelCredentials.create();
    }
    TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
    b.trustManager(tlsCa.toFile());
    if (tlsCert != null) {
      b.keyManager(tlsCert.toFile(), tlsKey.toFile());
    }
    return b.build();
  }

  LedgerServiceGrpc.LedgerServiceBlockingStub blocking(ManagedChannel channel) {
    return LedgerServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS);
  }
}
