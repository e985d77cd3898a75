package org.rmbt.ledger.core.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.LedgerView;

/**
 * Builds proof bundles from an open ledger: entries and proofs to its latest checkpoint, and for
 * each anchoring chain its latest receipt with a consistency proof from the anchored checkpoint.
 */
public final class BundleAssembler {
  private final LedgerView view;
  private final String logKey;
  private final List<Long> anchorChains;

  public BundleAssembler(LedgerView view, String logKey) {
    this(view, logKey, List.of());
  }

  /**
   * @param anchorChains chain ids whose latest {@code AnchorReceipt} each bundle carries
   */
  public BundleAssembler(LedgerView view, String logKey, List<Long> anchorChains) {
    this.view = view;
    this.logKey = logKey;
    this.anchorChains = List.copyOf(anchorChains);
  }

  /**
   * A bundle of the given entries, each with its inclusion proof to the latest checkpoint, plus a
   * consistency proof from each earlier checkpoint size given (sizes the log signed at).
   */
  public ProofBundle assemble(SortedSet<Long> indexes, SortedSet<Long> earlierSizes)
      throws MalformedException {
    SignedCheckpoint cp = view.latestCheckpoint();
    SortedMap<Long, byte[]> entries = new TreeMap<>();
    for (long i : indexes) {
      entries.put(i, view.entries(i, 1).get(0));
    }
    return bundle(cp, entries, earlierSizes, List.of(), List.of());
  }

  /**
   * The bundle over {@code cp}: {@code entries} (index → bytes) each with its inclusion proof to
   * it, a consistency proof from each earlier size, the latest anchor of each chain, and the given
   * provenance {@code subjects} and {@code claims} (empty for a plain bundle). Every bundle this
   * package assembles ends here.
   */
  ProofBundle bundle(
      SignedCheckpoint cp,
      SortedMap<Long, byte[]> entries,
      SortedSet<Long> earlierSizes,
      List<String> subjects,
      List<ProofBundle.Claim> claims)
      throws MalformedException {
    long size = cp.checkpoint().size();
    List<ProofBundle.Entry> proved = new ArrayList<>();
    for (var e : entries.entrySet()) {
      proved.add(
          new ProofBundle.Entry(e.getKey(), e.getValue(), view.inclusionProof(e.getKey(), size)));
    }
    List<ProofBundle.Consistency> consistency = consistencyFrom(earlierSizes, size);
    List<ProofBundle.Anchor> anchors =
        AnchorReceipts.addAnchors(view, anchorChains, size, earlierSizes, consistency);
    return new ProofBundle(
        logKey,
        new String(cp.note(), StandardCharsets.UTF_8),
        proved,
        consistency,
        List.of(),
        0,
        anchors,
        subjects,
        claims);
  }

  /**
   * For each earlier size the log signed a checkpoint at, that checkpoint and the proof that the
   * tree of {@code size} extends it.
   */
  private List<ProofBundle.Consistency> consistencyFrom(SortedSet<Long> earlierSizes, long size)
      throws MalformedException {
    List<ProofBundle.Consistency> out = new ArrayList<>();
    for (long older : earlierSizes) {
      SignedCheckpoint old =
          view.checkpoint(older)
              .orElseThrow(
                  () -> new MalformedException("sizes", "no checkpoint signed at " + older));
      out.add(
          new ProofBundle.Consistency(
              new String(old.note(), StandardCharsets.UTF_8), view.consistencyProof(older, size)));
    }
    return out;
  }
}
