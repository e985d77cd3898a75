package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.Founder;
import org.rmbt.ledger.proto.Genesis;
import org.rmbt.ledger.proto.ParticipantRegistration;
import org.rmbt.ledger.proto.ParticipantRegistration.Action;
import org.rmbt.ledger.proto.Role;
import org.rmbt.ledger.proto.Signature;

/** Genesis, registration, rotation, revocation: who may sign what, at which position. */
class AuthorityTest {
  private static final long DAY = FieldRules.DAY_MILLIS;

  private static Genesis genesis(TestLog log, int quorum) {
    return Genesis.newBuilder()
        .setOrigin("test.example/log")
        .addFounders(founder("r1", "EU", log.newKey("r1", 1)))
        .addFounders(founder("r2", "GB", log.newKey("r2", 2)))
        .setQuorum(quorum)
        .setCreatedAt(TestLog.START)
        .build();
  }

  private static Founder founder(String id, String j, Ed25519PrivateKey k) {
    return Founder.newBuilder()
        .setParticipantId(id)
        .setJurisdiction(j)
        .setPublicKey(ByteString.copyFrom(k.publicKey().bytes()))
        .build();
  }

  static ParticipantRegistration.Builder registration(Action action, String id) {
    return ParticipantRegistration.newBuilder().setAction(action).setParticipantId(id);
  }

  @Test
  void firstEntryMustBeGenesisSignedByEveryFounder() {
    TestLog log = new TestLog();
    Genesis g = genesis(log, 2);
    assertThat(log.reject(SampleRecords.aiSafetyScheme(), "r1"))
        .isInstanceOf(RecordRuleException.class)
        .hasMessage("envelope.payload_type: entry 0 must be the genesis");
    assertThat(log.reject(g, "r1"))
        .isInstanceOf(UnauthorizedSignerException.class)
        .hasMessage("envelope.signatures: every founder must sign the genesis: 1 of 2");
    log.newKey("outsider", 3);
    assertThat(log.reject(g, "r1", "outsider"))
        .hasMessage("envelope.signatures[1].keyid: not a founder's key");
    Envelope forged = log.seal(g, "r1", "r2");
    Signature bad =
        forged.getSignatures(1).toBuilder().setSig(forged.getSignatures(0).getSig()).build();
    assertThat(log.reject(forged.toBuilder().setSignatures(1, bad).build()))
        .hasMessage("envelope.signatures[1].sig: does not verify with the founder key");
    assertThat(log.reject(genesis(log, 3), "r1", "r2"))
        .isInstanceOf(MalformedException.class)
        .hasMessage("record.quorum: must be 1 to 2, got 3");
    log.append(g, "r1", "r2");
    assertThat(log.state.quorum()).isEqualTo(2);
  }

  @Test
  void noSecondGenesis() {
    TestLog log = TestLog.sample();
    assertThat(log.reject(genesis(log, 1), "reg-eu", "reg-gb"))
        .isInstanceOf(RecordRuleException.class)
        .hasMessage("envelope.payload_type: a log has one genesis, entry 0");
    TestLog fresh = new TestLog();
    fresh.append(genesis(fresh, 1), "r1", "r2");
    Envelope again = fresh.seal(genesis(fresh, 1), "r1", "r2");
    assertThat(fresh.reject(again))
        .isInstanceOf(RecordRuleException.class)
        .hasMessage("envelope.payload_type: a log has one genesis, entry 0");
  }

  @Test
  void registrationNeedsTheRegulatorQuorum() {
    TestLog log = TestLog.sample();
    ParticipantRegistration r =
        SampleRecords.register("cb-fr", Role.CERTIFICATION_BODY, "FR", log.newKey("cb-fr", 9), 0);
    assertThat(log.reject(r, "reg-eu"))
        .isInstanceOf(UnauthorizedSignerException.class)
        .hasMessage("envelope.signatures: needs 2 regulators, got 1");
    assertThat(log.reject(r, "reg-eu", "cb-eu"))
        .hasMessage("envelope.signatures: needs 2 regulators, got 1");
    log.append(r, "reg-eu", "reg-gb");
    assertThat(log.reject(r, "reg-eu", "reg-gb"))
        .isInstanceOf(RecordRuleException.class)
        .hasMessageStartingWith("record.participant_id: already registered");
    ParticipantRegistration reuse =
        SampleRecords.register("cb-it", Role.CERTIFICATION_BODY, "IT", log.keys.get("cb-fr"), 0);
    assertThat(log.reject(reuse, "reg-eu", "reg-gb"))
        .hasMessage("record.public_key: already registered to cb-fr; keys are never reused");
    assertThat(
            log.reject(
                registration(Action.REGISTER, "x").setJurisdiction("EU").build(),
                "reg-eu",
                "reg-gb"))
        .isInstanceOf(MalformedException.class)
        .hasMessage("record.roles: must hold 1 to 5, got 0");
  }

  @Test
  void revokedKeyCannotSignAgainButEarlierEntriesStayValid() {
    TestLog log = TestLog.sample();
    log.append(
        registration(Action.REVOKE, "auditor-eu").setReasonCode("KEY_COMPROMISE").build(),
        "reg-eu",
        "reg-gb");
    var audit =
        DecisionRulesTest.audit(
            log, "AUD-NEW", SampleData.ASSIST, "auditor-eu", "algorithm-documentation");
    assertThat(log.reject(audit, "auditor-eu"))
        .isInstanceOf(UnauthorizedSignerException.class)
        .hasMessage(
            "envelope.signatures[0].keyid: key of auditor-eu does not count at index 28"
                + " (rotated or revoked at index 27)");
    // audits auditor-eu signed at 13, 15 and 17 still count as evidence
    log.append(
        DecisionRulesTest.grant(
                log, "EAI-2", SampleData.ASSIST, "Trusted AI Platform", 730, 13, 14, 15, 16, 17)
            .build(),
        "cb-eu");
    assertThat(log.state.participant("auditor-eu").orElseThrow().revoked()).isTrue();
  }

  @Test
  void rotatedKeyStopsCountingTheNewOneStarts() {
    TestLog log = TestLog.sample();
    Ed25519PrivateKey old = log.keys.get("cb-gb");
    Ed25519PrivateKey fresh = log.newKey("cb-gb-new", 77);
    log.append(
        registration(Action.ROTATE_KEY, "cb-gb")
            .setPublicKey(ByteString.copyFrom(fresh.publicKey().bytes()))
            .setReasonCode("SCHEDULED_ROTATION")
            .build(),
        "reg-eu",
        "reg-gb");
    var suspend =
        DecisionRulesTest.decision(
                SampleData.RENEWED_CERTIFICATE,
                SampleData.FRONTIER,
                SampleRecords.SAFETY,
                org.rmbt.ledger.proto.CertificationDecision.Action.SUSPEND)
            .build();
    log.keys.put("cb-gb-old", old);
    assertThat(log.reject(suspend, "cb-gb-old"))
        .hasMessageContaining("key of cb-gb does not count at index 28");
    log.append(suspend, "cb-gb-new");
    assertThat(log.state.participant("cb-gb").orElseThrow().keys()).hasSize(2);
    assertThat(log.state.publicKey(Dsse.keyId(old.publicKey()))).contains(old.publicKey());
  }

  @Test
  void keyCountsOnlyFromItsValidFromTime() {
    TestLog log = TestLog.sample();
    log.append(
        SampleRecords.register(
            "auditor-fr", Role.AUDITOR, "FR", log.newKey("auditor-fr", 5), log.now + 10 * DAY),
        "reg-eu",
        "reg-gb");
    var audit =
        DecisionRulesTest.audit(
            log, "AUD-FR", SampleData.ASSIST, "auditor-fr", "algorithm-documentation");
    assertThat(log.reject(audit, "auditor-fr")).hasMessageEndingWith("(not valid yet)");
    log.now += 11 * DAY;
    log.append(audit, "auditor-fr");
  }

  @Test
  void revocationMayNotBreakTheQuorum() {
    TestLog log = TestLog.sample();
    assertThat(
            log.reject(
                registration(Action.REVOKE, "reg-eu").setReasonCode("RETIRED").build(),
                "reg-eu",
                "reg-gb"))
        .isInstanceOf(RecordRuleException.class)
        .hasMessage(
            "record.participant_id: revoking would leave fewer active regulators than the quorum of 2");
    assertThat(
            log.reject(
                registration(Action.REVOKE, "nobody").setReasonCode("RETIRED").build(),
                "reg-eu",
                "reg-gb"))
        .hasMessage("record.participant_id: not registered");
  }
}
