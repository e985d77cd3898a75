package org.rmbt.ledger.node.anchor;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.ledger.CompliancePolicy;
import org.rmbt.ledger.core.record.SampleData;
import org.rmbt.ledger.node.anchor.contract.LedgerAnchorRegistry;
import org.rmbt.ledger.node.config.NodeConfig;
import org.rmbt.ledger.node.config.NodeConfigCodec;
import org.rmbt.ledger.node.grpc.LedgerServer;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.AppendResponse;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * A compliance node on loopback over RocksDB, configured from a node.conf with {@code anchor.*}
 * keys to anchor to a real anvil chain, its receipts signed by the sample's {@code witness-gb}.
 */
final class AnchoredNode implements AutoCloseable {
  static final long START = 1_767_225_600_000L;
  static final SignerKey LOG_KEY =
      SignerKey.of("anchored.rmbt.example/log", Ed25519PrivateKey.fromSeed(new byte[32]));

  final Path dir;
  final SampleData.Sample sample = SampleData.generate(new Random(42), START);
  final LedgerServer server;
  final String registry;
  private final ManagedChannel channel;
  private final List<Hash> leaves = new ArrayList<>();

  AnchoredNode(Path dir, AnvilChain chain, int everyEntries) throws Exception {
    this(dir, chain, deployRegistry(chain), everyEntries);
  }

  /** A node on {@code dir} (new or restarted) anchoring to an existing registry. */
  AnchoredNode(Path dir, AnvilChain chain, String registry, int everyEntries) throws Exception {
    this(dir, chain, registry, everyEntries, "witness-gb");
  }

  /** As above, receipts signed by sample participant {@code receiptSigner}. */
  AnchoredNode(Path dir, AnvilChain chain, String registry, int everyEntries, String receiptSigner)
      throws Exception {
    this(dir, chain, registry, everyEntries, receiptSigner, List.of());
  }

  /** As above, with more node.conf lines (e.g. {@code metrics_port}). */
  AnchoredNode(
      Path dir,
      AnvilChain chain,
      String registry,
      int everyEntries,
      String receiptSigner,
      List<String> moreConf)
      throws Exception {
    this.dir = dir;
    this.registry = registry;
    write("log.key", LOG_KEY.encode());
    write("log.pub", LOG_KEY.verifierKey().encode());
    write("witness.key", SignerKey.of(receiptSigner, sample.keys().get(receiptSigner)).encode());
    write("chain.hex", AnvilChain.SUBMITTER.getEcKeyPair().getPrivateKey().toString(16));
    String prefix = "anchor.chain." + chain.chainId() + ".";
    String conf =
        String.join(
            "\n",
            "data_dir = log",
            "listen_port = 0",
            "log_key_file = log.key",
            "anchor.receipt_key_file = witness.key",
            "anchor.every_entries = " + everyEntries,
            "anchor.poll_millis = 100",
            prefix + "rpc_url = " + chain.rpcUrl(),
            prefix + "registry = " + registry,
            prefix + "key_file = chain.hex",
            prefix + "confirmations = 1",
            String.join("\n", moreConf));
    NodeConfig config = NodeConfigCodec.read(write("node.conf", conf));
    this.server = LedgerServer.start(config, new CompliancePolicy());
    this.channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  static String deployRegistry(AnvilChain chain) throws Exception {
    LedgerAnchorRegistry r = Registries.deploy(chain, AnvilChain.OWNER);
    r.registerLog(
            AnchorService.logId(LOG_KEY.privateKey().publicKey()).bytes(),
            List.of(AnvilChain.SUBMITTER.getAddress()))
        .send();
    return r.getContractAddress();
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text + "\n", StandardCharsets.UTF_8);
  }

  /** Appends the sample's steps up to and including the one labelled {@code last}. */
  void appendSampleThrough(String last) {
    while (leaves.size() < sample.steps().size()) {
      if (appendNextStep().equals(last)) {
        return;
      }
    }
    throw new IllegalArgumentException("no step " + last);
  }

  /** Appends the sample's next {@code n} steps. */
  void appendSampleSteps(int n) {
    for (int i = 0; i < n; i++) {
      appendNextStep();
    }
  }

  private String appendNextStep() {
    SampleData.Step step = sample.steps().get(leaves.size());
    AppendResponse r =
        LedgerServiceGrpc.newBlockingStub(channel)
            .append(
                AppendRequest.newBuilder()
                    .setEnvelope(ByteString.copyFrom(step.envelope(leaves).toByteArray()))
                    .build());
    leaves.add(new Hash(r.getLeafHash().toByteArray()));
    return step.label();
  }

  /** Appends an envelope that is not part of the sample (e.g. a receipt); its leaf is not kept. */
  long appendEnvelope(byte[] envelope) {
    AppendResponse r =
        LedgerServiceGrpc.newBlockingStub(channel)
            .append(AppendRequest.newBuilder().setEnvelope(ByteString.copyFrom(envelope)).build());
    return r.getIndex();
  }

  /** The size of the node's latest signed checkpoint, over gRPC. */
  long treeSize() {
    return LedgerServiceGrpc.newBlockingStub(channel)
        .getCheckpoint(GetCheckpointRequest.getDefaultInstance())
        .getSize();
  }

  /** The root of the checkpoint the node signed at {@code size}, over gRPC. */
  Hash rootAt(long size) {
    return new Hash(
        LedgerServiceGrpc.newBlockingStub(channel)
            .getCheckpoint(GetCheckpointRequest.newBuilder().setSize(size).build())
            .getRoot()
            .toByteArray());
  }

  int appended() {
    return leaves.size();
  }

  String node() {
    return "127.0.0.1:" + server.port();
  }

  String logKey() {
    return "@" + dir.resolve("log.pub");
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.close();
  }
}
