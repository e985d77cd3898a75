package org.rmbt.ledger.node.grpc;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.rmbt.ledger.core.checkpoint.Cosigner;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.KeyType;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.record.Dsse;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/** A node on a loopback port over a RocksDB directory, with fixed test keys. */
final class TestNode implements AutoCloseable {
  static final String ORIGIN = "test.rmbt.example/log";
  static final SignerKey LOG_KEY = SignerKey.of(ORIGIN, key(1));
  static final Ed25519PrivateKey SIGNER = key(2);
  static final Ed25519PrivateKey STRANGER = key(3);
  static final Cosigner WITNESS = Cosigner.of("witness.example", key(4));
  static final Cosigner OTHER_WITNESS = Cosigner.of("other-witness.example", key(5));

  final Path dir;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private LedgerServer server;

  private TestNode(Path dir) {
    this.dir = dir;
  }

  static Ed25519PrivateKey key(int seed) {
    byte[] s = new byte[32];
    new Random(seed).nextBytes(s);
    return Ed25519PrivateKey.fromSeed(s);
  }

  static NodeConfig config(Path dir) throws Exception {
    Path keyFile = dir.resolve("log.key");
    if (!Files.exists(keyFile)) {
      Files.writeString(keyFile, LOG_KEY.encode() + "\n", StandardCharsets.UTF_8);
    }
    VerifierKey signer = VerifierKey.of("signer", KeyType.ED25519, SIGNER.publicKey());
    return NodeConfig.local(
        dir.resolve("log"), keyFile, List.of(signer), List.of(WITNESS.verifierKey()));
  }

  static TestNode start(Path dir) throws Exception {
    return start(dir, config(dir));
  }

  static TestNode start(Path dir, NodeConfig config) throws Exception {
    TestNode n = new TestNode(dir);
    n.server = LedgerServer.start(config);
    return n;
  }

  int port() {
    return server.port();
  }

  LedgerServer server() {
    return server;
  }

  ManagedChannel channel() {
    ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", port()).usePlaintext().build();
    channels.add(c);
    return c;
  }

  void track(ManagedChannel c) {
    channels.add(c);
  }

  LedgerServiceGrpc.LedgerServiceBlockingStub blocking() {
    return LedgerServiceGrpc.newBlockingStub(channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  static byte[] envelope(Ed25519PrivateKey signer, long n) {
    byte[] payload = ("{\"test\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    return Dsse.seal("application/vnd.rmbt.test+json", payload, signer).toByteArray();
  }

  static AppendRequest append(long n) {
    return AppendRequest.newBuilder().setEnvelope(ByteString.copyFrom(envelope(SIGNER, n))).build();
  }

  static SignedCheckpoint open(ByteString note) throws Exception {
    return SignedCheckpoint.open(note.toByteArray(), ORIGIN, LOG_KEY.verifierKey());
  }

  /** Closes the server gracefully (and the ledger); channels after it. */
  @Override
  public void close() {
    server.close();
    channels.forEach(ManagedChannel::shutdownNow);
  }
}
