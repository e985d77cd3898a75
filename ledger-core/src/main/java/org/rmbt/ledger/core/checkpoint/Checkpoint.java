package org.rmbt.ledger.core.checkpoint;

import java.util.List;
import org.rmbt.ledger.core.hash.Hash;

/**
 * A C2SP tlog-checkpoint body: the log's origin, the tree size, the RFC 9162 root hash at that
 * size, and any extension lines (kept verbatim; DESIGN.md reserves them for a later commitment).
 * Text form: {@link CheckpointCodec}.
 */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {
  public Checkpoint {
    String problem = CheckpointCodec.lineProblem(origin);
    if (problem != null) {
      throw new IllegalArgumentException("checkpoint.origin: " + problem);
    }
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint.size: negative");
    }
    extensions = List.copyOf(extensions);
    for (String line : extensions) {
      problem = CheckpointCodec.lineProblem(line);
      if (problem != null) {
        throw new IllegalArgumentException("checkpoint.extension: " + problem);
      }
    }
  }

  /** A checkpoint without extension lines. */
  public Checkpoint(String origin, long size, Hash root) {
    this(origin, size, root, List.of());
  }
}
