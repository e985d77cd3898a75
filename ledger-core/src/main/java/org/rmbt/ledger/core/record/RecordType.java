package org.rmbt.ledger.core.record;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.AnchorReceipt;
import org.rmbt.ledger.proto.AuditRecord;
import org.rmbt.ledger.proto.CertificationDecision;
import org.rmbt.ledger.proto.CertificationScheme;
import org.rmbt.ledger.proto.Erasure;
import org.rmbt.ledger.proto.Genesis;
import org.rmbt.ledger.proto.ModelVersion;
import org.rmbt.ledger.proto.ParticipantRegistration;

/**
 * The one table of record payload types: {@code application/vnd.rmbt.<kebab name>+protobuf} ↔
 * message. A payload type not listed here is not a record and is refused.
 */
public enum RecordType {
  GENESIS("genesis", Genesis.getDefaultInstance()),
  PARTICIPANT_REGISTRATION(
      "participant-registration", ParticipantRegistration.getDefaultInstance()),
  CERTIFICATION_SCHEME("certification-scheme", CertificationScheme.getDefaultInstance()),
  MODEL_VERSION("model-version", ModelVersion.getDefaultInstance()),
  AUDIT_RECORD("audit-record", AuditRecord.getDefaultInstance()),
  CERTIFICATION_DECISION("certification-decision", CertificationDecision.getDefaultInstance()),
  ANCHOR_RECEIPT("anchor-receipt", AnchorReceipt.getDefaultInstance()),
  ERASURE("erasure", Erasure.getDefaultInstance());

  private final String payloadType;
  private final Message prototype;

  RecordType(String kebabName, Message prototype) {
    this.payloadType = "application/vnd.rmbt." + kebabName + "+protobuf";
    this.prototype = prototype;
  }

  public String payloadType() {
    return payloadType;
  }

  public Class<? extends Message> messageClass() {
    return prototype.getClass();
  }

  Message prototype() {
    return prototype;
  }

  Parser<? extends Message> parser() {
    return prototype.getParserForType();
  }

  /** The type of a DSSE payload type string; refuses any string not in the table. */
  public static RecordType ofPayloadType(String field, String payloadType)
      throws MalformedException {
    for (RecordType t : values()) {
      if (t.payloadType.equals(payloadType)) {
        return t;
      }
    }
    throw new MalformedException(field, "not a record payload type: " + payloadType);
  }

  /** The type of a record message. */
  public static RecordType of(Message record) {
    for (RecordType t : values()) {
      if (t.prototype.getClass() == record.getClass()) {
        return t;
      }
    }
    throw new IllegalArgumentException("not a record message: " + record.getClass().getName());
  }

  static RecordType ofClass(Class<? extends Message> type) {
    for (RecordType t : values()) {
      if (t.prototype.getClass() == type) {
        return t;
      }
    }
    throw new IllegalArgumentException("not a record message: " + type.getName());
  }
}
