package org.rmbt.ledger.node.grpc;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmbt.ledger.core.checkpoint.NoteSignature;
import org.rmbt.ledger.core.checkpoint.NoteSignatureException;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * Witness cosignatures the node has verified, by checkpoint size, in memory only.
 *
 * <p>Not in the store on purpose: {@code CheckpointStore} refuses a second, different note for a
 * size (the guard against signing two roots), and a cosigned note is different bytes. Until the
 * store gets a separate cosignature family, a restart loses them and witnesses must cosign again.
 * Only the most recent {@link #MAX_SIZES} sizes are kept, so memory stays bounded.
 */
final class Cosignatures {
  static final int MAX_SIZES = 1024;
  private static final String PREFIX = "\u2014 ";

  private final List<VerifierKey> witnesses;
  private final Map<Long, SignedCheckpoint> bySize =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SignedCheckpoint> eldest) {
          return size() > MAX_SIZES;
        }
      };

  Cosignatures(List<VerifierKey> witnesses) {
    this.witnesses = List.copyOf(witnesses);
  }

  /**
   * Verifies {@code sig} against the configured witness it names and adds it to {@code base} (the
   * log's checkpoint at that size) and to what was added before; returns the cosigned checkpoint.
   */
  synchronized SignedCheckpoint add(String field, SignedCheckpoint base, NoteSignature sig)
      throws UnknownWitnessException, NoteSignatureException, MalformedException {
    VerifierKey witness =
        witnesses.stream()
            .filter(w -> w.matches(sig))
            .findFirst()
            .orElseThrow(
                () ->
                    new UnknownWitnessException(
                        field, sig.name() + "+" + HexFormat.of().toHexDigits(sig.keyId())));
    long size = base.checkpoint().size();
    SignedCheckpoint next = bySize.getOrDefault(size, base).withCosignature(sig, witness);
    bySize.put(size, next);
    return next;
  }

  /** {@code base} with every cosignature held for its size. */
  synchronized SignedCheckpoint cosigned(SignedCheckpoint base) {
    return bySize.getOrDefault(base.checkpoint().size(), base);
  }

  /** Strict parse of one note signature line: {@code "— name base64"}, one optional newline. */
  static NoteSignature parseLine(String field, String line) throws MalformedException {
    String l = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    if (!l.startsWith(PREFIX)) {
      throw new MalformedException(field, "must start with an em dash and a space");
    }
    String[] parts = l.substring(PREFIX.length()).split(" ", -1);
    if (parts.length != 2) {
      throw new MalformedException(field, "want \u2014 <name> <base64>");
    }
    return NoteSignature.decode(field, parts[0], parts[1]);
  }
}
