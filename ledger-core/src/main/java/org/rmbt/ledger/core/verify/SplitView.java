package org.rmbt.ledger.core.verify;

import java.util.List;
import org.rmbt.ledger.core.checkpoint.Cosignature;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;

/**
 * What {@link SplitViewCheck} concluded about two cosigned checkpoints of one log.
 *
 * @param outcome the verdict
 * @param a the first checkpoint, as opened (log signature and cosignatures verified)
 * @param b the second checkpoint, as opened
 * @param message what was shown, naming sizes, roots and the witnesses of each side
 */
public record SplitView(Outcome outcome, SignedCheckpoint a, SignedCheckpoint b, String message) {
  /** The three answers a pair of checkpoints can get. */
  public enum Outcome {
    /** One is a prefix of the other: same size and root, or a consistency proof verifies. */
    CONSISTENT,
    /**
     * The log signed two different trees that cannot both be true: the two signed notes are the
     * proof, and the witnesses who cosigned each were shown different logs.
     */
    SPLIT_VIEW,
    /** Different sizes and no consistency proof that verifies: resolve the pair with one. */
    UNRESOLVED
  }

  /** The names of the witnesses whose cosignatures on {@code cp} verified. */
  public static List<String> witnesses(SignedCheckpoint cp) {
    return cp.cosignatures().stream()
        .map(Cosignature::witness)
        .map(w -> w.name())
        .distinct()
        .toList();
  }
}
