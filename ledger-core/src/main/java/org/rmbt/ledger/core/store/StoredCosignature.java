package org.rmbt.ledger.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * One witness's signature line (C2SP signed-note, {@code cosignature/v1}) for the checkpoint of
 * {@code size}, as stored: the witness key's name and 4-byte key ID identify it, the line is opaque
 * bytes.
 */
public record StoredCosignature(long size, String witness, int keyId, byte[] line) {
  /** The order {@link CosignatureStore#cosignatures} answers in: unsigned key ID, UTF-8 name. */
  public static final Comparator<StoredCosignature> ORDER =
      Comparator.comparing(StoredCosignature::keyId, Integer::compareUnsigned)
          .thenComparing(c -> c.witness.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

  public StoredCosignature {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    if (witness.isEmpty() || witness.length() > 256 || witness.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("witness name must be 1 to 256 characters, no NUL");
    }
    if (line.length == 0) {
      throw new IllegalArgumentException("empty signature line");
    }
    line = line.clone();
  }

  @Override
  public byte[] line() {
    return line.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredCosignature c
        && c.size == size
        && c.keyId == keyId
        && c.witness.equals(witness)
        && Arrays.equals(c.line, line);
  }

  @Override
  public int hashCode() {
    return ((Long.hashCode(size) * 31 + keyId) * 31 + witness.hashCode()) * 31
        + Arrays.hashCode(line);
  }

  @Override
  public String toString() {
    return "StoredCosignature[size="
        + size
        + ", "
        + witness
        + "+"
        + Integer.toHexString(keyId)
        + "]";
  }
}
