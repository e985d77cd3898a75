package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.CertificationScheme;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.ModelRef;
import org.rmbt.ledger.proto.ModelVersion;

class RecordCodecTest {
  private static final Path SCHEMES = Path.of("..", "examples", "schemes");

  static CertificationScheme shipped(String name) throws Exception {
    String json = Files.readString(SCHEMES.resolve(name + ".json"), StandardCharsets.UTF_8);
    return RecordCodec.fromJson(CertificationScheme.class, json);
  }

  @Test
  void shippedSchemesLoadAndMatchTheSampleData() throws Exception {
    CertificationScheme ethical = shipped("ethical-ai-certification");
    assertThat(ethical).isEqualTo(SampleRecords.ethicalAiScheme());
    assertThat(ethical.getLevels(0).getName()).isEqualTo("Basic Compliance");
    assertThat(ethical.getLevels(3).getName()).isEqualTo("Trusted AI Platform");
    assertThat(ethical.getValidityDays()).isEqualTo(730);
    CertificationScheme safety = shipped("ai-safety-standard");
    assertThat(safety).isEqualTo(SampleRecords.aiSafetyScheme());
    assertThat(safety.getLevelsCount()).isEqualTo(3);
    assertThat(safety.getLevels(2).getRequiredEvidenceList())
        .contains(
            "annual-safety-report",
            "dataset-sources",
            "interpretability-report",
            "energy-use-report");
  }

  @Test
  void jsonRoundTrips() throws Exception {
    CertificationScheme s = SampleRecords.aiSafetyScheme();
    assertThat(RecordCodec.fromJson(CertificationScheme.class, RecordCodec.toJson(s))).isEqualTo(s);
  }

  @Test
  void unknownJsonFieldIsRefused() {
    assertThatThrownBy(
            () ->
                RecordCodec.fromJson(
                    CertificationScheme.class, "{\"schemeId\":\"x\",\"validty\":3}"))
        .isInstanceOf(MalformedException.class)
        .hasMessageStartingWith("record: not valid JSON for CertificationScheme");
    assertThatThrownBy(() -> RecordCodec.fromJson(CertificationScheme.class, "{\"levels\": 5}"))
        .isInstanceOf(MalformedException.class);
    assertThatThrownBy(() -> RecordCodec.fromJson(CertificationScheme.class, "[[[["))
        .isInstanceOf(MalformedException.class);
  }

  @Test
  void payloadTypeTableIsOneToOne() throws Exception {
    for (RecordType t : RecordType.values()) {
      assertThat(RecordType.ofPayloadType("t", t.payloadType())).isEqualTo(t);
      assertThat(t.payloadType()).matches("application/vnd\\.rmbt\\.[a-z-]+\\+protobuf");
    }
    assertThat(RecordType.MODEL_VERSION.payloadType())
        .isEqualTo("application/vnd.rmbt.model-version+protobuf");
    assertThatThrownBy(() -> RecordType.ofPayloadType("envelope.payload_type", "application/json"))
        .hasMessage("envelope.payload_type: not a record payload type: application/json");
  }

  @Test
  void payloadDecodingIsStrict() throws Exception {
    ModelVersion m =
        ModelVersion.newBuilder()
            .setModelId("m")
            .setVersion("1")
            .setParent(ModelRef.newBuilder().setModelId("p").setVersion("0"))
            .build();
    Envelope env = RecordCodec.seal(m, TestKeys.key(1));
    assertThat(RecordCodec.decodePayload(env)).isEqualTo(m);

    byte[] withUnknown = concat(m.toByteArray(), new byte[] {(byte) 0xf8, 0x07, 0x01});
    assertThatThrownBy(() -> RecordCodec.decodePayload(withPayload(env, withUnknown)))
        .hasMessage("record: has fields this version does not know");
    byte[] repeated = concat(m.toByteArray(), new byte[] {0x12, 0x01, 0x31}); // version again
    assertThatThrownBy(() -> RecordCodec.decodePayload(withPayload(env, repeated)))
        .hasMessage("record: not canonical (field order, repeats or encoding)");
    Envelope asScheme =
        env.toBuilder().setPayloadType(RecordType.CERTIFICATION_SCHEME.payloadType()).build();
    assertThatThrownBy(() -> RecordCodec.decodePayload(asScheme))
        .isInstanceOf(MalformedException.class);
  }

  private static Envelope withPayload(Envelope env, byte[] payload) {
    return env.toBuilder().setPayload(ByteString.copyFrom(payload)).build();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Keys for codec tests that need no registration. */
  static final class TestKeys {
    static org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey key(int seed) {
      return org.rmbt.ledger.core.testing.DemoEnvelopes.key(seed);
    }
  }
}
