package org.rmbt.ledger.core.record;

import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;

/**
 * One key of a participant and where in the log it counts: for entries after {@code fromIndex} (the
 * entry that registered it) up to and including {@code untilIndex} (the entry that rotated or
 * revoked it; {@link Long#MAX_VALUE} while current), integrated at or after {@code validFrom}.
 * Later revocation never reaches back: an entry signed while the key counted stays valid.
 */
public record KeyPeriod(
    String keyId, Ed25519PublicKey key, long fromIndex, long untilIndex, long validFrom) {
  public static final long CURRENT = Long.MAX_VALUE;

  public boolean countsAt(long index, long integratedAt) {
    return fromIndex < index && index <= untilIndex && integratedAt >= validFrom;
  }

  public boolean isCurrent() {
    return untilIndex == CURRENT;
  }

  KeyPeriod endingAt(long index) {
    return new KeyPeriod(keyId, key, fromIndex, index, validFrom);
  }
}
