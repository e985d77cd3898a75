package org.rmbt.ledger.core.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;

/** Key names and key IDs as C2SP signed-note defines them. */
final class KeyName {
  private KeyName() {}

  /**
   * signed-note §Format: non-empty, no Unicode spaces, no {@code +}. We also refuse control
   * characters and unpaired surrogates, which no valid note can carry.
   */
  static boolean isValid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (cp == '+'
          || cp < 0x20
          || isUnicodeSpace(cp)
          || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  static void check(String field, String name) throws MalformedException {
    if (!isValid(name)) {
      throw new MalformedException(field, "key name must be non-empty, without spaces or '+'");
    }
  }

  /** The Unicode White_Space set, as Go's {@code unicode.IsSpace} (the reference parser) uses. */
  private static boolean isUnicodeSpace(int cp) {
    return switch (cp) {
      case '\t',
          '\n',
          0x0b,
          '\f',
          '\r',
          ' ',
          0x85,
          0xa0,
          0x1680,
          0x2028,
          0x2029,
          0x202f,
          0x205f,
          0x3000 ->
          true;
      default -> cp >= 0x2000 && cp <= 0x200a;
    };
  }

  /** signed-note §Signatures: SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], big-endian. */
  static int keyId(String name, KeyType type, Ed25519PublicKey key) {
    Hash h =
        Hashing.sha256(
            name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', type.id()}, key.bytes());
    byte[] b = h.bytes();
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  /** Fixed-length lowercase hex, as signed-note §Conventions requires. */
  static String hex(int keyId) {
    return HexFormat.of().toHexDigits(keyId);
  }

  /** Exactly eight lowercase hex digits; the JDK parsers would also take upper case and signs. */
  static int parseHex(String field, String text) throws MalformedException {
    if (text.length() != 8) {
      throw new MalformedException(field, "key ID must be 8 hex digits");
    }
    for (int i = 0; i < 8; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        throw new MalformedException(field, "key ID must be lowercase hex");
      }
    }
    return HexFormat.fromHexDigits(text);
  }
}
