package org.rmbt.ledger.core.ledger;

import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;

/**
 * The log's identity: its origin (the C2SP checkpoint origin, equal to the key name) and its
 * Ed25519 note key. Signs checkpoints and opens the ones the log stored.
 */
public final class LogSigner {
  private final SignerKey key;

  public LogSigner(SignerKey key) {
    this.key = key;
  }

  public String origin() {
    return key.name();
  }

  public VerifierKey verifierKey() {
    return key.verifierKey();
  }

  SignedCheckpoint sign(long size, Hash root) {
    return SignedCheckpoint.sign(new Checkpoint(origin(), size, root), key);
  }

  SignedCheckpoint open(byte[] note) throws MalformedException, VerificationException {
    return SignedCheckpoint.open(note, origin(), key.verifierKey());
  }
}
