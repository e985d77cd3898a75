package org.rmbt.ledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.ledger.CompliancePolicy;
import org.rmbt.ledger.core.record.CertificateStatusCalculator;
import org.rmbt.ledger.core.record.RecordCodec;
import org.rmbt.ledger.core.record.SampleData;
import org.rmbt.ledger.core.record.UnauthorizedSignerException;
import org.rmbt.ledger.proto.CertificationDecision;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.ParticipantRegistration;

/** Tampered provenance bundles: every flipped byte, and a decision by a key revoked before it. */
class ProvenanceTamperTest {
  static final long AS_OF = ProvenanceVerifierTest.AS_OF;

  /**
   * Every byte of the JSON changed (its low bit flipped: digits stay digits, letters letters, so
   * most changes stay well-formed and reach the verifier) fails with a checked error, except a
   * digit of a claim's {@code asOf}: that states the status at another time, which the bundle
   * cannot bind (the JSON is not signed). Such a bundle verifies only if the new claim is true as
   * well, and the result reports the time actually verified.
   */
  @Test
  void everyFlippedByteIsRefusedOrRestatesATrueClaim(@TempDir Path dir) throws Exception {
    CompliancePolicy policy = new CompliancePolicy();
    try (SampleLedger log = new SampleLedger(dir, policy)) {
      log.appendSteps(SampleLedger.SAMPLE.steps().size());
      String json =
          ProofBundleCodec.encode(
              log.assembler().forModel(policy.state(), "acme-assist", AS_OF, new TreeSet<>()));
      Matcher asOf = Pattern.compile("\"asOf\" : (\\d+)").matcher(json);
      assertThat(asOf.find()).isTrue();
      // Byte offsets: the checkpoint's signature lines hold a multi-byte em dash.
      int from = json.substring(0, asOf.start(1)).getBytes(StandardCharsets.UTF_8).length;
      int to = from + asOf.group(1).length();
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      // Each mutation verifies a checkpoint signature; spread them over every core.
      List<String> accepted =
          IntStream.range(0, bytes.length)
              .parallel()
              .mapToObj(i -> mutate(bytes, i, 0x01, policy, from, to))
              .filter(Objects::nonNull)
              .toList();
      // Only digit flips of asOf (0 to 1, 2 to 3, ...) can verify; the rest are all refused.
      assertThat(accepted.size()).isLessThanOrEqualTo(to - from);
    }
  }

  /** Flips one bit; returns a description if the result verified, null if refused. */
  private static String mutate(
      byte[] bytes, int i, int bit, CompliancePolicy policy, int from, int to) {
    byte[] mutated = bytes.clone();
    mutated[i] ^= (byte) bit;
    String text = new String(mutated, StandardCharsets.UTF_8);
    Throwable t = catchThrowable(() -> check(text, policy, from, to, i));
    if (t == null) {
      return "byte " + i + " bit " + bit;
    }
    assertThat(t).isInstanceOfAny(MalformedException.class, VerificationException.class);
    return null;
  }

  /** Verifies, and if that passes demands the flip was inside asOf and the claim is true. */
  private static void check(String text, CompliancePolicy policy, int from, int to, int at)
      throws Exception {
    VerifiedProvenance v = SampleLedger.verifier().verify(ProofBundleCodec.decode(text));
    assertThat(at).as("an accepted flip lies in asOf").isBetween(from, to - 1);
    ProofBundle.Claim c = v.statuses().get(0);
    assertThat(c.asOfMillis()).isNotEqualTo(AS_OF);
    long size = v.bundle().checkpoint().checkpoint().size();
    assertThat(
            CertificateStatusCalculator.statusAt(
                policy.state().decisions(c.certificate()), size, c.asOfMillis()))
        .contains(c.status());
  }

  /**
   * cb-eu's key is revoked (entry r), then cb-eu signs the SUSPEND (entry r+1). An honest ledger
   * refuses that SUSPEND. The bad bundle comes from a second, dishonest log that holds the very
   * same entries but judged the SUSPEND as if the revocation were absent ({@link
   * RevocationBlindPolicy}), and signed a checkpoint over both: its inclusion proofs and subject
   * chains are all correct, so only replaying the rules from the genesis, with authority as of each
   * entry, catches it.
   */
  @Test
  void decisionSignedWithAKeyRevokedBeforeItIsRefused(@TempDir Path honestDir, @TempDir Path badDir)
      throws Exception {
    int suspend = SampleLedger.step("SUSPEND");
    Envelope revoke =
        RecordCodec.seal(
            ParticipantRegistration.newBuilder()
                .setParticipantId("cb-eu")
                .setAction(ParticipantRegistration.Action.REVOKE)
                .setReasonCode("KEY_COMPROMISE")
                .build(),
            SampleLedger.SAMPLE.keys().get("reg-eu"),
            SampleLedger.SAMPLE.keys().get("reg-gb"));
    Envelope honestSuspend = SampleLedger.SAMPLE.steps().get(suspend).envelope(List.of());
    Envelope suspendByCbEu =
        RecordCodec.seal(
            RecordCodec.decodePayload(honestSuspend), SampleLedger.SAMPLE.keys().get("cb-eu"));
    long t = SampleLedger.SAMPLE.steps().get(suspend).integratedAt();
    try (SampleLedger honest = new SampleLedger(honestDir, new CompliancePolicy())) {
      honest.appendSteps(suspend).append(revoke, t);
      Throwable refused = catchThrowable(() -> honest.append(suspendByCbEu, t + 1));
      assertThat(refused).isInstanceOf(ExecutionException.class);
      assertThat(refused.getCause()).isInstanceOf(UnauthorizedSignerException.class);
    }
    RevocationBlindPolicy blind = new RevocationBlindPolicy();
    try (SampleLedger bad = new SampleLedger(badDir, blind)) {
      bad.appendSteps(suspend).append(revoke, t);
      bad.append(suspendByCbEu, t + 1);
      ProofBundle forged =
          bad.assembler().forModel(blind.state(), "acme-assist", AS_OF, new TreeSet<>());
      assertThat(ProvenanceVerifierTest.indexes(forged)).contains((long) suspend, suspend + 1L);
      assertThat(forged.claims().get(0).certificate()).isEqualTo(SampleData.JOINT_CERTIFICATE);
      assertThat(RecordCodec.decodePayload(suspendByCbEu))
          .isInstanceOf(CertificationDecision.class);
      assertThatThrownBy(() -> SampleLedger.verifier().verify(forged))
          .isInstanceOf(ProvenanceException.class)
          .hasMessage(
              "entry "
                  + (suspend + 1)
                  + ": envelope.signatures[0].keyid: key of cb-eu does not count at index "
                  + (suspend + 1)
                  + " (rotated or revoked at index "
                  + suspend
                  + ")")
          .hasCauseInstanceOf(UnauthorizedSignerException.class);
    }
  }
}
