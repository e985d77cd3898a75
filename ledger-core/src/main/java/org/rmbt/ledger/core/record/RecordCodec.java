package org.rmbt.ledger.core.record;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.Envelope;

/**
 * Records as users write them (protobuf JSON mapping) and as the log stores them (the binary
 * payload of a DSSE envelope). JSON is strict about names: an unknown field is an error, never
 * ignored. Binary is canonical or nothing (see {@link StrictProto}). Field rules (lengths, ranges,
 * references) are {@link RecordRules}' job, not the codec's.
 */
public final class RecordCodec {
  private static final JsonFormat.Parser JSON_IN = JsonFormat.parser();
  private static final JsonFormat.Printer JSON_OUT = JsonFormat.printer();

  private RecordCodec() {}

  /** Parses a record of {@code type} from JSON; unknown fields and bad values are refused. */
  public static <M extends Message> M fromJson(Class<M> type, String json)
      throws MalformedException {
    Message.Builder b = RecordType.ofClass(type).prototype().newBuilderForType();
    try {
      JSON_IN.merge(json, b);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedException("record", "not valid JSON for " + type.getSimpleName(), e);
    } catch (RuntimeException e) {
      // JsonFormat reports some malformed input (deep nesting, bad surrogates) unchecked
      throw new MalformedException("record", "not valid JSON for " + type.getSimpleName(), e);
    }
    return type.cast(b.build());
  }

  /** The canonical JSON of a record (lowerCamelCase names, default values omitted). */
  public static String toJson(Message record) {
    try {
      return JSON_OUT.print(record);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("records have no Any fields to resolve", e);
    }
  }

  /** Decodes an envelope's payload as the record its payload type names. */
  public static Message decodePayload(Envelope env) throws MalformedException {
    RecordType type = RecordType.ofPayloadType("envelope.payload_type", env.getPayloadType());
    return StrictProto.parse("record", type.parser(), env.getPayload().toByteArray());
  }

  /** A new envelope carrying {@code record}, signed by each key in turn. */
  public static Envelope seal(Message record, Ed25519PrivateKey... keys) {
    return Dsse.seal(RecordType.of(record).payloadType(), record.toByteArray(), keys);
  }
}
