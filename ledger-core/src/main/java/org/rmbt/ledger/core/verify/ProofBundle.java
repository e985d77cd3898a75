package org.rmbt.ledger.core.verify;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.record.CertificateStatus;

/**
 * {@code rmbt-proof-bundle/v1}: everything an auditor needs, besides the keys they trust, to check
 * entries against a signed checkpoint offline (DESIGN.md, "Proof bundle"; the provenance fields are
 * in docs/BUNDLES.md).
 *
 * @param logKey the log's C2SP verifier key string
 * @param checkpoint the signed checkpoint note text every proof leads to
 * @param witnessQuorum how many of {@code witnesses} the bundle claims cosigned
 * @param subjects subjects (e.g. {@code cert:<id>}) whose entries the bundle claims to hold without
 *     a gap up to the last one it holds; empty for a plain bundle
 * @param claims certificate statuses the bundle asserts as of the checkpoint's size
 */
public record ProofBundle(
    String logKey,
    String checkpoint,
    List<Entry> entries,
    List<Consistency> consistency,
    List<String> witnesses,
    int witnessQuorum,
    List<Anchor> anchors,
    List<String> subjects,
    List<Claim> claims) {
  public static final String FORMAT = "rmbt-proof-bundle/v1";

  public ProofBundle {
    entries = List.copyOf(entries);
    consistency = List.copyOf(consistency);
    witnesses = List.copyOf(witnesses);
    anchors = List.copyOf(anchors);
    subjects = List.copyOf(subjects);
    claims = List.copyOf(claims);
  }

  /** A plain bundle: entries and proofs, no subjects or claims. */
  public ProofBundle(
      String logKey,
      String checkpoint,
      List<Entry> entries,
      List<Consistency> consistency,
      List<String> witnesses,
      int witnessQuorum,
      List<Anchor> anchors) {
    this(
        logKey,
        checkpoint,
        entries,
        consistency,
        witnesses,
        witnessQuorum,
        anchors,
        List.of(),
        List.of());
  }

  /** Whether the bundle asserts provenance (subjects or claims) beyond plain inclusion. */
  public boolean claimsProvenance() {
    return !subjects.isEmpty() || !claims.isEmpty();
  }

  /** One logged entry: its exact leaf bytes and its audit path to the bundle's checkpoint. */
  public record Entry(long index, byte[] entry, List<Hash> inclusionProof) {
    public Entry {
      entry = entry.clone();
      inclusionProof = List.copyOf(inclusionProof);
    }

    @Override
    public byte[] entry() {
      return entry.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e
          && e.index == index
          && Arrays.equals(e.entry, entry)
          && e.inclusionProof.equals(inclusionProof);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(index) * 31 + Arrays.hashCode(entry);
    }

    @Override
    public String toString() {
      return "Entry[index=" + index + ", " + entry.length + " bytes]";
    }
  }

  /** An older signed checkpoint and the proof that the bundle's checkpoint extends it. */
  public record Consistency(String checkpoint, List<Hash> proof) {
    public Consistency {
      proof = List.copyOf(proof);
    }
  }

  /**
   * Where a checkpoint was anchored on a chain; checked only with a chain endpoint.
   *
   * @param checkpoint the anchored checkpoint's signed note with the log's signature only, whose
   *     SHA-256 the chain holds as {@code checkpointHash} (docs/BUNDLES.md); optional
   */
  public record Anchor(
      long chainId,
      String registry,
      String txHash,
      long blockNumber,
      long treeSize,
      Hash root,
      Optional<String> checkpoint) {
    /** An anchor without the anchored note. */
    public Anchor(
        long chainId, String registry, String txHash, long blockNumber, long treeSize, Hash root) {
      this(chainId, registry, txHash, blockNumber, treeSize, root, Optional.empty());
    }

    /** The same anchor carrying {@code note} as its anchored checkpoint. */
    public Anchor withCheckpoint(String note) {
      return new Anchor(chainId, registry, txHash, blockNumber, treeSize, root, Optional.of(note));
    }
  }

  /**
   * The status of certificate {@code certificate} as of the checkpoint's tree size and time {@code
   * asOfMillis}, as the bundle asserts it; a verifier recomputes it from the entries.
   */
  public record Claim(String certificate, CertificateStatus status, long asOfMillis) {}
}
