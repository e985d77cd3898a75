package org.rmbt.ledger.core.record;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * Canonical-or-nothing protobuf parsing shared by {@link EntryCodec} and {@link RecordCodec}:
 * parse, refuse unknown fields at any depth, re-serialize and demand the same bytes, so one message
 * has exactly one accepted byte string and a leaf hash names one meaning.
 */
final class StrictProto {
  private StrictProto() {}

  static <M extends Message> M parse(String field, Parser<M> parser, byte[] bytes)
      throws MalformedException {
    return parse(field, parser, bytes, StrictProto::hasUnknownFields);
  }

  /**
   * As {@link #parse(String, Parser, byte[])} with a faster, type-specific unknown-field check (the
   * entry path decodes every entry of a log, and reflection dominates its cost).
   */
  static <M extends Message> M parse(
      String field, Parser<M> parser, byte[] bytes, Predicate<? super M> hasUnknownFields)
      throws MalformedException {
    M msg;
    try {
      msg = parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedException(field, "not a valid protobuf message");
    }
    requireCanonical(field, msg, bytes, hasUnknownFields.test(msg));
    return msg;
  }

  private static void requireCanonical(String field, Message msg, byte[] bytes, boolean unknown)
      throws MalformedException {
    if (unknown) {
      throw new MalformedException(field, "has fields this version does not know");
    }
    if (!Arrays.equals(msg.toByteArray(), bytes)) {
      throw new MalformedException(field, "not canonical (field order, repeats or encoding)");
    }
  }

  /** Unknown fields, or enum numbers this version does not know (kept as unrecognized). */
  static boolean hasUnknownFields(Message msg) {
    if (!msg.getUnknownFields().asMap().isEmpty()) {
      return true;
    }
    for (Map.Entry<FieldDescriptor, Object> f : msg.getAllFields().entrySet()) {
      List<?> values = f.getKey().isRepeated() ? (List<?>) f.getValue() : List.of(f.getValue());
      for (Object v : values) {
        if (v instanceof Message m && hasUnknownFields(m)) {
          return true;
        }
        if (v instanceof com.google.protobuf.Descriptors.EnumValueDescriptor e
            && e.getIndex() < 0) {
          return true;
        }
      }
    }
    return false;
  }
}
