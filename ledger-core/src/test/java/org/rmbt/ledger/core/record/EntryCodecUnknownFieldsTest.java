package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.testing.DemoEnvelopes;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.LedgerEntry;
import org.rmbt.ledger.proto.SubjectLink;

/** The typed unknown-field walk sees every nested message the schema has. */
class EntryCodecUnknownFieldsTest {
  private static final UnknownFieldSet EXTRA =
      UnknownFieldSet.newBuilder()
          .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
          .build();

  @Test
  void walkCoversEveryMessageFieldOfTheSchema() {
    List<String> found = new ArrayList<>();
    collect(LedgerEntry.getDescriptor(), found, new ArrayList<>());
    assertThat(found).containsExactlyInAnyOrderElementsOf(EntryCodec.MESSAGE_FIELDS);
  }

  private static void collect(Descriptor d, List<String> found, List<Descriptor> seen) {
    if (seen.contains(d)) {
      return;
    }
    seen.add(d);
    for (FieldDescriptor f : d.getFields()) {
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        found.add(d.getName() + "." + f.getName());
        collect(f.getMessageType(), found, seen);
      }
    }
  }

  @Test
  void refusesUnknownFieldsAtEveryLevel() throws Exception {
    Envelope env = EntryCodec.decodeEnvelope(DemoEnvelopes.envelope(DemoEnvelopes.key(1), 1));
    LedgerEntry entry =
        LedgerEntry.newBuilder()
            .setIndex(3)
            .setPrevLeafHash(ByteString.copyFrom(new byte[32]))
            .addSubjectLinks(SubjectLink.newBuilder().setSubject("model:a"))
            .setEnvelope(env)
            .build();
    assertThat(EntryCodec.decodeEntry(entry.toByteArray())).isEqualTo(entry);
    List<LedgerEntry> bad =
        List.of(
            entry.toBuilder().setUnknownFields(EXTRA).build(),
            entry.toBuilder()
                .setSubjectLinks(0, entry.getSubjectLinks(0).toBuilder().setUnknownFields(EXTRA))
                .build(),
            entry.toBuilder().setEnvelope(env.toBuilder().setUnknownFields(EXTRA)).build(),
            entry.toBuilder()
                .setEnvelope(
                    env.toBuilder()
                        .setSignatures(0, env.getSignatures(0).toBuilder().setUnknownFields(EXTRA)))
                .build());
    for (LedgerEntry b : bad) {
      assertThatThrownBy(() -> EntryCodec.decodeEntry(b.toByteArray()))
          .isInstanceOf(MalformedException.class)
          .hasMessageContaining("does not know");
    }
    Envelope badEnv =
        env.toBuilder()
            .setSignatures(0, env.getSignatures(0).toBuilder().setUnknownFields(EXTRA))
            .build();
    assertThatThrownBy(() -> EntryCodec.decodeEnvelope(badEnv.toByteArray()))
        .isInstanceOf(MalformedException.class);
  }
}
