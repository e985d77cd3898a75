package org.rmbt.ledger.node.grpc;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rmbt.ledger.core.checkpoint.NoteSignature;
import org.rmbt.ledger.core.checkpoint.NoteSignatureException;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.store.CosignatureStore;
import org.rmbt.ledger.core.store.StoredCosignature;

/**
 * Witness cosignatures the node has verified, by checkpoint size, kept in the store's {@link
 * CosignatureStore} (apart from the checkpoint notes, which hold one note per size) so that they
 * survive a restart. A cosigned checkpoint is rebuilt from the stored lines in the store's order,
 * each verified again against the configured witnesses (a witness no longer configured is left
 * out), and cached for the most recent {@link #MAX_SIZES} sizes.
 */
final class Cosignatures {
  static final int MAX_SIZES = 1024;
  private static final String PREFIX = "\u2014 ";
  private static final System.Logger LOG = System.getLogger(Cosignatures.class.getName());

  private final List<VerifierKey> witnesses;
  private final CosignatureStore store;
  private final Map<Long, SignedCheckpoint> bySize =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SignedCheckpoint> eldest) {
          return size() > MAX_SIZES;
        }
      };

  Cosignatures(List<VerifierKey> witnesses, CosignatureStore store) {
    this.witnesses = List.copyOf(witnesses);
    this.store = store;
  }

  /**
   * Verifies {@code sig} against the configured witness it names, stores it (synced) for {@code
   * base}'s size (the log's checkpoint at that size) and returns the checkpoint with every
   * cosignature held for that size.
   */
  synchronized SignedCheckpoint add(String field, SignedCheckpoint base, NoteSignature sig)
      throws UnknownWitnessException, NoteSignatureException, MalformedException {
    VerifierKey witness =
        witness(sig)
            .orElseThrow(
                () ->
                    new UnknownWitnessException(
                        field, sig.name() + "+" + HexFormat.of().toHexDigits(sig.keyId())));
    base.withCosignature(sig, witness); // throws unless it verifies
    long size = base.checkpoint().size();
    byte[] line = sig.line().getBytes(StandardCharsets.UTF_8);
    store.putCosignature(new StoredCosignature(size, sig.name(), sig.keyId(), line));
    bySize.remove(size);
    return cosigned(base);
  }

  /** {@code base} with every cosignature held for its size. */
  synchronized SignedCheckpoint cosigned(SignedCheckpoint base) {
    long size = base.checkpoint().size();
    SignedCheckpoint cached = bySize.get(size);
    if (cached != null) {
      return cached;
    }
    SignedCheckpoint out = base;
    for (StoredCosignature c : store.cosignatures(size)) {
      try {
        NoteSignature sig = parseLine("stored", new String(c.line(), StandardCharsets.UTF_8));
        Optional<VerifierKey> witness = witness(sig);
        if (witness.isPresent()) {
          out = out.withCosignature(sig, witness.get());
        }
      } catch (MalformedException | NoteSignatureException e) {
        LOG.log(System.Logger.Level.WARNING, "stored cosignature left out: " + c + ": " + e);
      }
    }
    bySize.put(size, out);
    return out;
  }

  private Optional<VerifierKey> witness(NoteSignature sig) {
    return witnesses.stream().filter(w -> w.matches(sig)).findFirst();
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
