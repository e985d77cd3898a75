package org.rmbt.ledger.node.replica;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.rmbt.ledger.core.checkpoint.Cosigner;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.KeyType;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.record.Dsse;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.node.config.ReplicaConfig;
import org.rmbt.ledger.node.config.ServerLimits;

/** Keys, configs and waiting for a primary and its replicas on loopback. */
final class ReplicaBench {
  static final String ORIGIN = "replica-test.rmbt.example/log";
  static final SignerKey LOG_KEY = SignerKey.of(ORIGIN, key(11));
  static final Ed25519PrivateKey SIGNER = key(12);
  static final VerifierKey SIGNER_VKEY =
      VerifierKey.of("signer", KeyType.ED25519, SIGNER.publicKey());
  static final SignerKey W1 = SignerKey.of("witness-one.example", key(13));
  static final SignerKey W2 = SignerKey.of("witness-two.example", key(14));

  private ReplicaBench() {}

  static Ed25519PrivateKey key(int seed) {
    byte[] s = new byte[32];
    new Random(seed).nextBytes(s);
    return Ed25519PrivateKey.fromSeed(s);
  }

  static Cosigner cosigner(SignerKey k) {
    return Cosigner.of(k.name(), k.privateKey());
  }

  static byte[] envelope(long n) {
    byte[] payload = ("{\"replica-test\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    return Dsse.seal("application/vnd.rmbt.test+json", payload, SIGNER).toByteArray();
  }

  static NodeConfig primaryConfig(Path dir, int port) throws Exception {
    Files.createDirectories(dir);
    Path keyFile = dir.resolve("log.key");
    Files.writeString(keyFile, LOG_KEY.encode() + "\n", StandardCharsets.UTF_8);
    NodeConfig local =
        NodeConfig.local(
            dir.resolve("log"),
            keyFile,
            List.of(SIGNER_VKEY),
            List.of(cosigner(W1).verifierKey(), cosigner(W2).verifierKey()));
    return new NodeConfig(
        local.dataDir(),
        local.listenAddress(),
        port,
        local.logKeyFile(),
        local.signerKeys(),
        local.witnessKeys(),
        local.tls(),
        unthrottled(local.limits()),
        local.ledger(),
        0);
  }

  /** The default limits without the per-client append rate: the tests append in bursts. */
  static ServerLimits unthrottled(ServerLimits d) {
    return new ServerLimits(
        d.maxInboundMessageBytes(),
        d.maxInboundMetadataBytes(),
        d.maxConcurrentCallsPerConnection(),
        d.keepAliveTime(),
        d.keepAliveTimeout(),
        d.permitKeepAliveTime(),
        d.permitKeepAliveWithoutCalls(),
        d.maxConnectionIdle(),
        d.handshakeTimeout(),
        1_000_000,
        1_000_000,
        d.maxEntriesPerRequest(),
        d.appendStreamWindow(),
        d.followPoll(),
        d.shutdownGrace());
  }

  /** A replica's config: it holds only the log's public key, and its own witness key. */
  static NodeConfig replicaConfig(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path keyFile = dir.resolve("log.pub");
    Files.writeString(keyFile, LOG_KEY.verifierKey().encode() + "\n", StandardCharsets.UTF_8);
    return NodeConfig.local(dir.resolve("log"), keyFile, List.of(SIGNER_VKEY), List.of());
  }

  static ReplicaConfig replicaOf(int port, Path dir, Optional<SignerKey> witness) throws Exception {
    Optional<Path> file = Optional.empty();
    if (witness.isPresent()) {
      Path f = dir.resolve("witness.key");
      Files.createDirectories(dir);
      Files.writeString(f, witness.get().encode() + "\n", StandardCharsets.UTF_8);
      file = Optional.of(f);
    }
    return new ReplicaConfig(
        "127.0.0.1", port, file, Duration.ofMillis(20), Duration.ofMillis(300));
  }

  static ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  static void await(String what, Duration timeout, BooleanSupplier done) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
