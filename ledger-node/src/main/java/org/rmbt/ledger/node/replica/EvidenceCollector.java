package org.rmbt.ledger.node.replica;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.ledger.ForkDetectedException;
import org.rmbt.ledger.core.ledger.ReplicaLog;

/** Turns a detected fork into evidence: the signed notes plus proofs from the replica's tree. */
final class EvidenceCollector {
  private EvidenceCollector() {}

  static ForkEvidence collect(
      ForkDetectedException f, ReplicaLog log, VerifierKey logKey, long nowMillis)
      throws MalformedException, VerificationException {
    List<byte[]> notes = new ArrayList<>(f.notes());
    if (f.kind() == ForkDetectedException.Kind.BAD_ENTRY && log.latestAccepted().isPresent()) {
      notes.add(0, log.latestAccepted().get().note());
    }
    Hash ownRoot = Hash.ZERO;
    Hash prevLeaf = Hash.ZERO;
    List<Hash> proof = List.of();
    Map<Long, Hash> prefix = Map.of();
    List<Hash> leaves = List.of();
    long n = f.index();
    long m = notes.size() > 1 ? open(notes.get(0), logKey).checkpoint().size() : 0;
    switch (f.kind()) {
      case SAME_SIZE_DIFFERENT_ROOTS -> ownRoot = log.rootAt(n);
      case ROLLBACK, INCONSISTENT -> {
        ownRoot = log.rootAt(n);
        proof = n == 0 ? List.of() : log.consistencyProof(n, m);
      }
      case ENTRIES_DO_NOT_MATCH_ROOT -> {
        ownRoot = log.rootAt(n);
        prefix = log.compactRange(m);
        leaves = log.leafHashes(m, n);
      }
      case BAD_ENTRY -> prevLeaf = n == 0 ? Hash.ZERO : log.leafHashes(n - 1, n).get(0);
    }
    return new ForkEvidence(
        f.kind().name(),
        f.getMessage(),
        nowMillis,
        notes.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList(),
        n,
        f.entry(),
        ownRoot,
        proof,
        prefix,
        leaves,
        prevLeaf);
  }

  static SignedCheckpoint open(byte[] note, VerifierKey logKey)
      throws MalformedException, VerificationException {
    return SignedCheckpoint.open(note, logKey.name(), logKey);
  }
}
