package org.rmbt.ledger.core.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;

/**
 * A checkpoint whose note carries a verified signature by its log's key, plus any verified witness
 * cosignatures. Only {@link #sign} and {@link #open} make one, so holding one means the log signed
 * this body (tlog-checkpoint §Signatures).
 */
public final class SignedCheckpoint {
  private final Checkpoint checkpoint;
  private final VerifiedNote note;
  private final NoteSignature logSignature;
  private final List<Cosignature> cosignatures;

  private SignedCheckpoint(
      Checkpoint checkpoint,
      VerifiedNote note,
      NoteSignature logSignature,
      List<VerifierKey> witnesses) {
    this.checkpoint = checkpoint;
    this.note = note;
    this.logSignature = logSignature;
    List<Cosignature> cosigs = new ArrayList<>();
    for (VerifierKey w : witnesses) {
      if (w.type() == KeyType.COSIGNATURE_V1) {
        for (NoteSignature s : note.verified()) {
          if (w.matches(s)) {
            cosigs.add(new Cosignature(w, Cosignature.timestampOf(s.signature())));
          }
        }
      }
    }
    this.cosignatures = List.copyOf(cosigs);
  }

  /**
   * The log signs {@code checkpoint}. Callers sign only durable state and never two roots for one
   * size (DESIGN.md, The log); that is theirs to ensure, not this method's.
   */
  public static SignedCheckpoint sign(Checkpoint checkpoint, SignerKey logKey) {
    try {
      Note n = Note.of(CheckpointCodec.encode(checkpoint), List.of()).sign(List.of(logKey));
      // Verified by construction: the one signature was just made by the log key. Opening it
      // again cost an Ed25519 verify per batch on the sequencer, a tenth of a small batch's time.
      return new SignedCheckpoint(
          checkpoint,
          new VerifiedNote(n, n.signatures(), List.of()),
          n.signatures().get(0),
          List.of());
    } catch (MalformedException e) {
      throw new IllegalArgumentException("checkpoint cannot be signed: " + e.getMessage(), e);
    }
  }

  /** {@link #open(byte[], String, VerifierKey, List)} without witnesses. */
  public static SignedCheckpoint open(byte[] note, String origin, VerifierKey logKey)
      throws MalformedException, VerificationException {
    return open(note, origin, logKey, List.of());
  }

  /**
   * Opens a signed checkpoint: the note must verify against the log key and {@code witnesses} (a
   * bad signature by any of them rejects it), carry the log key's signature, parse as a checkpoint
   * body and name {@code origin}. Signatures by other keys are kept unverified.
   */
  public static SignedCheckpoint open(
      byte[] note, String origin, VerifierKey logKey, List<VerifierKey> witnesses)
      throws MalformedException, VerificationException {
    List<VerifierKey> keys = new ArrayList<>(witnesses);
    keys.add(0, logKey);
    VerifiedNote verified = Note.open(note, new Keyring(keys.stream().distinct().toList()));
    NoteSignature logSignature =
        verified.verified().stream()
            .filter(logKey::matches)
            .findFirst()
            .orElseThrow(
                () ->
                    new UnknownKeyException(
                        "checkpoint is not signed by log key " + logKey.name(),
                        verified.unverified()));
    // Only now is the text trusted enough to read (signed-note: ignore unverified text).
    Checkpoint checkpoint = CheckpointCodec.parse(verified.text());
    if (!checkpoint.origin().equals(origin)) {
      throw new OriginMismatchException(origin, checkpoint.origin());
    }
    return new SignedCheckpoint(checkpoint, verified, logSignature, witnesses);
  }

  /** {@link #open(byte[], String, VerifierKey, List)}, then {@link #requireQuorum}. */
  public static SignedCheckpoint open(
      byte[] note, String origin, VerifierKey logKey, List<VerifierKey> witnesses, int quorum)
      throws MalformedException, VerificationException {
    SignedCheckpoint c = open(note, origin, logKey, witnesses);
    c.requireQuorum(witnesses, quorum);
    return c;
  }

  /** Demands verified signatures by at least {@code k} distinct keys of {@code witnesses}. */
  public void requireQuorum(List<VerifierKey> witnesses, int k) throws CosignatureQuorumException {
    int found = 0;
    for (VerifierKey w : witnesses.stream().distinct().toList()) {
      if (note.verified().stream().anyMatch(w::matches)) {
        found++;
      }
    }
    if (found < k) {
      throw new CosignatureQuorumException(k, found);
    }
  }

  /**
   * Adds a witness's cosignature after checking it against {@code witness}; a previous one by the
   * same witness is replaced. This is how the log takes in what a replica returns.
   */
  public SignedCheckpoint withCosignature(NoteSignature cosignature, VerifierKey witness)
      throws NoteSignatureException, MalformedException {
    byte[] text = note.text().getBytes(StandardCharsets.UTF_8);
    if (!witness.matches(cosignature) || !witness.verify(text, cosignature.signature())) {
      throw new NoteSignatureException(cosignature.name(), cosignature.keyId());
    }
    Note n = note.note().withSignatures(List.of(cosignature));
    List<NoteSignature> verified = new ArrayList<>(note.verified());
    verified.removeIf(cosignature::sameKey);
    verified.add(cosignature);
    List<NoteSignature> unverified = new ArrayList<>(note.unverified());
    unverified.removeIf(cosignature::sameKey);
    List<VerifierKey> witnesses = new ArrayList<>();
    cosignatures.forEach(c -> witnesses.add(c.witness()));
    witnesses.add(witness);
    return new SignedCheckpoint(
        checkpoint,
        new VerifiedNote(n, verified, unverified),
        logSignature,
        witnesses.stream().distinct().toList());
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** The signed note exactly as opened or signed (a fresh copy). */
  public byte[] note() {
    return note.note().encode();
  }

  /**
   * The note with the log's own signature only, whatever cosignatures it gathered: the same bytes
   * for a checkpoint from the moment the log signed it (Ed25519 is deterministic). This is what an
   * anchor's {@code checkpointHash} commits to.
   */
  public byte[] logSignedNote() {
    return new Note(note.text(), List.of(logSignature)).encode();
  }

  public VerifiedNote verifiedNote() {
    return note;
  }

  /** Verified signatures: the log's first among them if it signed first, then witnesses. */
  public List<NoteSignature> signatures() {
    return note.verified();
  }

  /** Verified {@code cosignature/v1} signatures, with the times the witnesses stated. */
  public List<Cosignature> cosignatures() {
    return cosignatures;
  }

  @Override
  public String toString() {
    return "SignedCheckpoint[" + checkpoint + ", signatures=" + signatures() + "]";
  }
}
