package org.rmbt.ledger.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rmbt.ledger.core.checkpoint.TestKeys.LOG;
import static org.rmbt.ledger.core.checkpoint.TestKeys.ORIGIN;
import static org.rmbt.ledger.core.checkpoint.TestKeys.WITNESS_A;
import static org.rmbt.ledger.core.checkpoint.TestKeys.WITNESS_B;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hashing;

/**
 * {@link SignedCheckpoint#logSignedNote}: what an anchor's checkpointHash commits to is the same
 * bytes however many cosignatures the checkpoint gathers, and whether it was signed or opened.
 */
class LogSignedNoteTest {
  private static final Checkpoint CP = new Checkpoint(ORIGIN, 7, Hashing.sha256(new byte[] {7}));

  @Test
  void cosignaturesDoNotChangeTheLogSignedNote() throws Exception {
    SignedCheckpoint signed = SignedCheckpoint.sign(CP, LOG);
    assertThat(signed.logSignedNote()).isEqualTo(signed.note());
    SignedCheckpoint cosigned =
        signed
            .withCosignature(WITNESS_A.cosign(CP, 1_700_000_000L), WITNESS_A.verifierKey())
            .withCosignature(WITNESS_B.cosign(CP, 1_700_000_001L), WITNESS_B.verifierKey());
    assertThat(cosigned.note()).isNotEqualTo(signed.note());
    assertThat(cosigned.logSignedNote()).isEqualTo(signed.note());
    // Opened with or without the witnesses' keys (unknown signatures are kept unverified).
    List<VerifierKey> witnesses = List.of(WITNESS_A.verifierKey(), WITNESS_B.verifierKey());
    assertThat(
            SignedCheckpoint.open(cosigned.note(), ORIGIN, LOG.verifierKey(), witnesses)
                .logSignedNote())
        .isEqualTo(signed.note());
    assertThat(SignedCheckpoint.open(cosigned.note(), ORIGIN, LOG.verifierKey()).logSignedNote())
        .isEqualTo(signed.note());
    // Ed25519 is deterministic: signing the same checkpoint again gives the same bytes.
    assertThat(SignedCheckpoint.sign(CP, LOG).logSignedNote()).isEqualTo(signed.note());
  }
}
