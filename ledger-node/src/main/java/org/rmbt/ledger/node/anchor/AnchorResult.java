package org.rmbt.ledger.node.anchor;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.proto.AnchorReceipt;

/**
 * A final anchor: the {@code Anchored} event for (treeSize, root) in block (number, hash) of chain
 * {@code chainId}, emitted by {@code registry} in transaction {@code txHash}. Hex values are
 * 0x-prefixed as chains print them.
 */
public record AnchorResult(
    long chainId,
    String registry,
    String txHash,
    long blockNumber,
    String blockHash,
    long treeSize,
    Hash root) {

  /** The record the integrator appends to the log (records.proto {@code AnchorReceipt}). */
  public AnchorReceipt toReceipt() {
    return AnchorReceipt.newBuilder()
        .setChainId(chainId)
        .setRegistryAddress(hex(registry))
        .setTxHash(hex(txHash))
        .setBlockNumber(blockNumber)
        .setBlockHash(hex(blockHash))
        .setTreeSize(treeSize)
        .setRoot(ByteString.copyFrom(root.bytes()))
        .build();
  }

  private static ByteString hex(String prefixed) {
    return ByteString.copyFrom(HexFormat.of().parseHex(prefixed.substring(2)));
  }
}
