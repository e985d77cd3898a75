package org.rmbt.ledger.core.record;

import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.AnchorReceipt;
import org.rmbt.ledger.proto.Role;

/**
 * Receipts of checkpoints anchored on a chain, logged by a witness or regulator once final. The
 * anchored size must lie within the log before this entry and grow per chain and registry; that the
 * root is the log's root at that size is the integrator's check (it holds the tree).
 */
final class AnchorRules {
  static final int ADDRESS_BYTES = 20;
  static final Set<Role> ANCHORERS = Set.of(Role.WITNESS, Role.REGULATOR);

  private AnchorRules() {}

  static List<String> admit(RecordState s, AnchorReceipt r, List<Participant> signers, long index)
      throws MalformedException, RecordRejectedException {
    FieldRules.range("record.chain_id", r.getChainId(), 1, Long.MAX_VALUE);
    if (r.getRegistryAddress().size() != ADDRESS_BYTES) {
      throw new MalformedException(
          "record.registry_address", "must be 20 bytes, got " + r.getRegistryAddress().size());
    }
    FieldRules.hash("record.tx_hash", r.getTxHash());
    FieldRules.range("record.block_number", r.getBlockNumber(), 0, Long.MAX_VALUE);
    FieldRules.hash("record.block_hash", r.getBlockHash());
    FieldRules.hash("record.root", r.getRoot());
    if (r.getTreeSize() < 1 || r.getTreeSize() > index) {
      throw new RecordRuleException(
          "record.tree_size", "must be 1 to the log size " + index + ", got " + r.getTreeSize());
    }
    OptionalLong last = s.anchoredSize(r.getChainId(), registry(r));
    if (last.isPresent() && r.getTreeSize() <= last.getAsLong()) {
      throw new RecordRuleException(
          "record.tree_size", "not above the size " + last.getAsLong() + " anchored before");
    }
    if (Authority.withRole(signers, ANCHORERS).isEmpty()) {
      throw new UnauthorizedSignerException(
          "envelope.signatures", "needs a witness or regulator signature");
    }
    return List.of("anchor:" + r.getChainId());
  }

  static void apply(RecordState.Builder b, AnchorReceipt r) {
    b.anchoredSizes = b.anchoredSizes.with(r.getChainId() + "/" + registry(r), r.getTreeSize());
  }

  private static String registry(AnchorReceipt r) {
    return HexFormat.of().formatHex(r.getRegistryAddress().toByteArray());
  }
}
