package org.rmbt.ledger.core.record;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.regex.Pattern;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.ModelRef;

/**
 * Shape rules for record fields, each failure naming the field. Identifiers exclude ':' and '@'
 * because subject strings ({@code model:<id>@<version>}) are built from them.
 */
final class FieldRules {
  static final long DAY_MILLIS = 86_400_000L;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern KIND = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}");
  private static final Pattern METRIC = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");

  private FieldRules() {}

  /** Participant, model, certificate, scheme and audit ids, and model versions. */
  static void id(String field, String v) throws MalformedException {
    matches(field, v, ID, 64, "letters, digits, '.', '_' or '-', starting with a letter or digit");
  }

  /** Evidence kinds and risk tiers: lowercase kebab-case. */
  static void kind(String field, String v) throws MalformedException {
    matches(field, v, KIND, 64, "lowercase kebab-case");
  }

  /** Reason codes: UPPER_SNAKE_CASE. */
  static void code(String field, String v) throws MalformedException {
    matches(field, v, CODE, 64, "UPPER_SNAKE_CASE");
  }

  static void jurisdiction(String field, String v) throws MalformedException {
    matches(field, v, JURISDICTION, 2, "two capital letters (ISO 3166-1 alpha-2 or EU)");
  }

  static void metricName(String field, String v) throws MalformedException {
    matches(field, v, METRIC, 64, "dotted lowercase snake_case");
  }

  /** Human-readable text: non-empty, at most {@code max} characters, no control characters. */
  static void text(String field, String v, int max) throws MalformedException {
    nonEmpty(field, v);
    if (v.length() > max) {
      throw new MalformedException(field, "longer than " + max + " characters");
    }
    if (v.chars().anyMatch(Character::isISOControl)) {
      throw new MalformedException(field, "contains control characters");
    }
  }

  static void empty(String field, String v) throws MalformedException {
    if (!v.isEmpty()) {
      throw new MalformedException(field, "must be empty for this action");
    }
  }

  static void empty(String field, List<?> v) throws MalformedException {
    if (!v.isEmpty()) {
      throw new MalformedException(field, "must be empty for this action");
    }
  }

  static void zero(String field, long v) throws MalformedException {
    if (v != 0) {
      throw new MalformedException(field, "must be 0 for this action");
    }
  }

  static Hash hash(String field, ByteString v) throws MalformedException {
    return Hash.decode(field, v.toByteArray());
  }

  static Ed25519PublicKey publicKey(String field, ByteString v) throws MalformedException {
    return Ed25519PublicKey.decode(field, v.toByteArray());
  }

  /** A time in ms since the epoch: after 1970, before year 10000. */
  static void time(String field, long v) throws MalformedException {
    if (v <= 0 || v > 253_402_300_799_999L) {
      throw new MalformedException(field, "not a time after 1970 and before 10000, got " + v);
    }
  }

  static void range(String field, long v, long min, long max) throws MalformedException {
    if (v < min || v > max) {
      throw new MalformedException(field, "must be " + min + " to " + max + ", got " + v);
    }
  }

  static void count(String field, int n, int min, int max) throws MalformedException {
    if (n < min || n > max) {
      throw new MalformedException(field, "must hold " + min + " to " + max + ", got " + n);
    }
  }

  static void modelRef(String field, boolean present, ModelRef ref) throws MalformedException {
    if (!present) {
      throw new MalformedException(field, "missing");
    }
    id(field + ".model_id", ref.getModelId());
    id(field + ".version", ref.getVersion());
  }

  private static void matches(String field, String v, Pattern p, int max, String what)
      throws MalformedException {
    nonEmpty(field, v);
    if (v.length() > max || !p.matcher(v).matches()) {
      throw new MalformedException(field, "must be " + what + ", at most " + max + " characters");
    }
  }

  private static void nonEmpty(String field, String v) throws MalformedException {
    if (v.isEmpty()) {
      throw new MalformedException(field, "empty");
    }
  }
}
