package org.rmbt.ledger.core.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.LedgerView;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.record.RecordCodec;
import org.rmbt.ledger.proto.AnchorReceipt;
import org.rmbt.ledger.proto.LedgerEntry;

/**
 * The {@code AnchorReceipt} entries a log holds about one chain (subject {@code anchor:<chainId>}),
 * as of its latest checkpoint; and a receipt as a proof bundle's {@link ProofBundle.Anchor}.
 */
public final class AnchorReceipts {
  private static final int PAGE = 1024;

  private AnchorReceipts() {}

  /** The subject the compliance rules file a receipt under. */
  public static String subject(long chainId) {
    return "anchor:" + chainId;
  }

  /** Every receipt about chain {@code chainId}, in log order. */
  public static List<AnchorReceipt> all(LedgerView view, long chainId) throws MalformedException {
    List<AnchorReceipt> out = new ArrayList<>();
    long from = 0;
    while (true) {
      List<Long> page = view.entriesAbout(subject(chainId), from, PAGE);
      for (long i : page) {
        LedgerEntry e = EntryCodec.decodeEntry(view.entries(i, 1).get(0));
        if (RecordCodec.decodePayload(e.getEnvelope()) instanceof AnchorReceipt r
            && r.getChainId() == chainId) {
          out.add(r);
        }
      }
      if (page.size() < PAGE) {
        return out;
      }
      from = page.get(page.size() - 1) + 1;
    }
  }

  /** How many receipts about chain {@code chainId} the log holds at indexes {@code [from, to)}. */
  public static long countBetween(LedgerView view, long chainId, long from, long to) {
    long n = 0;
    long next = from;
    while (next < to) {
      List<Long> page = view.entriesAbout(subject(chainId), next, PAGE);
      n += page.stream().filter(i -> i < to).count();
      if (page.size() < PAGE) {
        return n;
      }
      next = page.get(page.size() - 1) + 1;
    }
    return n;
  }

  /** The receipt of the largest anchored size on that chain, if any. */
  public static Optional<AnchorReceipt> latest(LedgerView view, long chainId)
      throws MalformedException {
    return all(view, chainId).stream().reduce((a, b) -> b.getTreeSize() >= a.getTreeSize() ? b : a);
  }

  /** The largest size receipted on that chain at that registry (0x-prefixed hex address). */
  public static OptionalLong receiptedSize(LedgerView view, long chainId, String registry)
      throws MalformedException {
    byte[] address = HexFormat.of().parseHex(registry.substring(2));
    return all(view, chainId).stream()
        .filter(r -> Arrays.equals(r.getRegistryAddress().toByteArray(), address))
        .mapToLong(AnchorReceipt::getTreeSize)
        .max();
  }

  /**
   * Each chain's latest receipt within {@code size} as a bundle anchor; and, for each anchored size
   * not in {@code proven} that the log signed a checkpoint at (the very checkpoint anchored), that
   * checkpoint with its consistency proof to {@code size}, added to {@code consistency}.
   */
  static List<ProofBundle.Anchor> addAnchors(
      LedgerView view,
      List<Long> chains,
      long size,
      Collection<Long> proven,
      List<ProofBundle.Consistency> consistency)
      throws MalformedException {
    Set<Long> have = new HashSet<>(proven);
    List<ProofBundle.Anchor> anchors = new ArrayList<>();
    for (long chainId : chains) {
      Optional<AnchorReceipt> r = latest(view, chainId);
      if (r.isEmpty() || r.get().getTreeSize() > size) {
        continue;
      }
      long anchored = r.get().getTreeSize();
      Optional<SignedCheckpoint> old = view.checkpoint(anchored);
      ProofBundle.Anchor anchor = toAnchor(r.get());
      anchors.add(old.map(cp -> anchor.withCheckpoint(utf8(cp.logSignedNote()))).orElse(anchor));
      if (old.isPresent() && have.add(anchored)) {
        consistency.add(
            new ProofBundle.Consistency(
                new String(old.get().note(), StandardCharsets.UTF_8),
                view.consistencyProof(anchored, size)));
      }
    }
    return anchors;
  }

  /** A receipt as a bundle's anchor: hex values 0x-prefixed as chains print them. */
  public static ProofBundle.Anchor toAnchor(AnchorReceipt r) {
    return new ProofBundle.Anchor(
        r.getChainId(),
        hex(r.getRegistryAddress().toByteArray()),
        hex(r.getTxHash().toByteArray()),
        r.getBlockNumber(),
        r.getTreeSize(),
        new Hash(r.getRoot().toByteArray()));
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String hex(byte[] b) {
    return "0x" + HexFormat.of().formatHex(b);
  }
}
