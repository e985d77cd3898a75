package org.rmbt.ledger.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.record.RecordCodec;
import org.rmbt.ledger.proto.AnchorReceipt;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;

/**
 * Issue 7: anchor receipts are not entries for {@code anchor.every_entries}. On a real node and
 * anvil chain with every_entries = 8: the receipt of the first anchor plus seven more receipts
 * (eight receipts) never make a second anchor due; seven real entries do not either; the eighth
 * does.
 */
class ReceiptsDoNotCountTest {
  private static final long CHAIN = 31_411;
  private static final int EVERY = 8;

  @Test
  void onlyRealEntriesMakeTheNextAnchorDue(@TempDir Path dir) throws Exception {
    try (AnvilChain chain = AnvilChain.start(CHAIN);
        AnchoredNode node = new AnchoredNode(dir, chain, EVERY)) {
      node.appendSampleThrough("register witness-gb");
      assertThat(node.appended()).isEqualTo(EVERY);
      awaitEvents(chain, node.registry, 1);
      long receiptIndex = awaitReceipted(node);

      for (int i = 1; i < EVERY; i++) {
        node.appendEnvelope(otherRegistryReceipt(node, i));
      }
      AnvilChain.sleep(2000); // twenty rounds of the service at 100 ms
      assertThat(anchoredEvents(chain, node.registry)).as("receipts only: no anchor").isEqualTo(1);

      node.appendSampleSteps(EVERY - 1);
      AnvilChain.sleep(2000);
      assertThat(anchoredEvents(chain, node.registry)).as("7 real entries of 8").isEqualTo(1);

      node.appendSampleSteps(1);
      awaitEvents(chain, node.registry, 2);
      long expected = receiptIndex + 1 + (EVERY - 1) + EVERY;
      var head =
          Registries.as(chain, node.registry, AnvilChain.OUTSIDER)
              .head(AnchorService.logId(AnchoredNode.LOG_KEY.privateKey().publicKey()).bytes())
              .send();
      assertThat(head.component1().longValueExact()).isEqualTo(expected);
    }
  }

  /** A witness-signed receipt for this chain at another registry: a receipt, not a real entry. */
  private static byte[] otherRegistryReceipt(AnchoredNode node, int size) {
    byte[] thirtyTwo = new byte[32];
    Arrays.fill(thirtyTwo, (byte) size);
    byte[] address = new byte[20];
    Arrays.fill(address, (byte) 0x11);
    AnchorReceipt r =
        AnchorReceipt.newBuilder()
            .setChainId(CHAIN)
            .setRegistryAddress(ByteString.copyFrom(address))
            .setTxHash(ByteString.copyFrom(thirtyTwo))
            .setBlockNumber(size)
            .setBlockHash(ByteString.copyFrom(thirtyTwo))
            .setTreeSize(size)
            .setRoot(ByteString.copyFrom(thirtyTwo))
            .build();
    return RecordCodec.seal(r, node.sample.keys().get("witness-gb")).toByteArray();
  }

  /** Waits until the node's own receipt of the first anchor is logged; returns its index. */
  private static long awaitReceipted(AnchoredNode node) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      long size = node.treeSize();
      if (size > EVERY) {
        return EVERY;
      }
      AnvilChain.sleep(100);
    }
    throw new AssertionError("the first anchor was not receipted within 30 s");
  }

  private static void awaitEvents(AnvilChain chain, String registry, long n) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (anchoredEvents(chain, registry) < n && System.nanoTime() < deadline) {
      AnvilChain.sleep(100);
    }
    assertThat(anchoredEvents(chain, registry)).isEqualTo(n);
  }

  static long anchoredEvents(AnvilChain chain, String registry) throws Exception {
    EthFilter f =
        new EthFilter(
            DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, registry);
    f.addSingleTopic(AnchoredEvent.TOPIC);
    return chain.web3j().ethGetLogs(f).send().getLogs().size();
  }
}
