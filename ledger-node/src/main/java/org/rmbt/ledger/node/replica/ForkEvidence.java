package org.rmbt.ledger.node.replica;

import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.hash.Hash;

/**
 * What a replica keeps when it catches the primary lying: the signed notes involved (accepted ones
 * first, the offending one last) and what it needs to show the conflict offline. Text form: {@link
 * ForkEvidenceCodec}; offline check: {@link ForkEvidenceVerifier}.
 *
 * @param kind a {@code ForkDetectedException.Kind} name
 * @param reason what the replica saw, for people
 * @param detectedAtMillis when (node clock)
 * @param notes signed checkpoint notes, as text
 * @param index the offending entry's index or the offending checkpoint's size
 * @param entry the offending entry's bytes as served (empty for a checkpoint lie)
 * @param ownRoot the replica's root at the offending checkpoint's size (checkpoint lies)
 * @param proof RFC 9162 consistency proof from {@code ownRoot} to the accepted checkpoint
 *     (INCONSISTENT)
 * @param prefix compact range of the replica's tree at the accepted size
 *     (ENTRIES_DO_NOT_MATCH_ROOT)
 * @param leafHashes leaf hashes of the entries served after the accepted size
 *     (ENTRIES_DO_NOT_MATCH_ROOT)
 * @param prevLeafHash the leaf hash the offending entry had to link to (BAD_ENTRY)
 */
public record ForkEvidence(
    String kind,
    String reason,
    long detectedAtMillis,
    List<String> notes,
    long index,
    byte[] entry,
    Hash ownRoot,
    List<Hash> proof,
    Map<Long, Hash> prefix,
    List<Hash> leafHashes,
    Hash prevLeafHash) {
  public static final String FORMAT = "rmbt-fork-evidence/v1";

  public ForkEvidence {
    notes = List.copyOf(notes);
    entry = entry.clone();
    proof = List.copyOf(proof);
    prefix = Map.copyOf(prefix);
    leafHashes = List.copyOf(leafHashes);
  }

  @Override
  public byte[] entry() {
    return entry.clone();
  }
}
