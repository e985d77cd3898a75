package org.rmbt.ledger.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.rmbt.ledger.core.checkpoint.TestKeys.LOG;
import static org.rmbt.ledger.core.checkpoint.TestKeys.ORIGIN;
import static org.rmbt.ledger.core.checkpoint.TestKeys.WITNESS_A;
import static org.rmbt.ledger.core.checkpoint.TestKeys.WITNESS_B;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;

/** {@code cosignature/v1} (c2sp.org/tlog-cosignature): round trips, quorum, tampering. */
class CosignatureTest {
  private static final Checkpoint CP =
      new Checkpoint(ORIGIN, 42, Hashing.sha256(new byte[] {1}), List.of("ext line"));
  private static final List<VerifierKey> WITNESSES =
      List.of(WITNESS_A.verifierKey(), WITNESS_B.verifierKey());

  @Test
  void specExampleDecodes() throws MalformedException {
    // tlog-cosignature §Format example line: key ID, then the time of its "time" line.
    NoteSignature s =
        NoteSignature.decode(
            "sig",
            "witness.example.com/w1",
            "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0"
                + "xUe+mbIUBkBIfZ+qnA==");
    assertThat(s.signature()).hasSize(Cosignature.SIZE);
    assertThat(Cosignature.timestampOf(s.signature())).isEqualTo(1679315147L);
    String body =
        "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    assertThat(
            new String(
                Cosignature.message(1679315147L, body.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8))
        .isEqualTo("cosignature/v1\ntime 1679315147\n" + body);
  }

  @Test
  void witnessKeyHasType4AndItsOwnKeyId() throws MalformedException {
    VerifierKey w = WITNESS_A.verifierKey();
    assertThat(w.type()).isEqualTo(KeyType.COSIGNATURE_V1);
    assertThat(VerifierKey.parse(w.encode())).isEqualTo(w);
    VerifierKey sameKeyAsLog = VerifierKey.of(w.name(), KeyType.ED25519, w.publicKey());
    assertThat(sameKeyAsLog.keyId()).isNotEqualTo(w.keyId());
  }

  @Test
  void cosignOpenAndCountQuorum() throws Exception {
    SignedCheckpoint signed =
        SignedCheckpoint.sign(CP, LOG)
            .withCosignature(WITNESS_A.cosign(CP, 1_700_000_000L), WITNESS_A.verifierKey())
            .withCosignature(WITNESS_B.cosign(CP, 1_700_000_005L), WITNESS_B.verifierKey());
    SignedCheckpoint opened =
        SignedCheckpoint.open(signed.note(), ORIGIN, LOG.verifierKey(), WITNESSES, 2);
    assertThat(opened.checkpoint()).isEqualTo(CP);
    assertThat(opened.signatures()).hasSize(3);
    assertThat(opened.cosignatures())
        .containsExactly(
            new Cosignature(WITNESS_A.verifierKey(), 1_700_000_000L),
            new Cosignature(WITNESS_B.verifierKey(), 1_700_000_005L));
    // The same note comes from Note.sign with witnesses at those times.
    Note viaSign =
        Note.of(CheckpointCodec.encode(CP), List.of())
            .sign(List.of(LOG, WITNESS_A.at(1_700_000_000L), WITNESS_B.at(1_700_000_005L)));
    assertThat(viaSign.encode()).isEqualTo(signed.note());
    Throwable t =
        catchThrowable(
            () -> SignedCheckpoint.open(signed.note(), ORIGIN, LOG.verifierKey(), WITNESSES, 3));
    assertThat(t).isInstanceOf(CosignatureQuorumException.class);
  }

  @Test
  void newerCosignatureReplacesOlderOne() throws Exception {
    SignedCheckpoint twice =
        SignedCheckpoint.sign(CP, LOG)
            .withCosignature(WITNESS_A.cosign(CP, 10), WITNESS_A.verifierKey())
            .withCosignature(WITNESS_A.cosign(CP, 20), WITNESS_A.verifierKey());
    assertThat(twice.signatures()).hasSize(2);
    assertThat(twice.cosignatures()).containsExactly(new Cosignature(WITNESS_A.verifierKey(), 20));
  }

  @Test
  void cosignatureOverAnotherCheckpointIsRefused() {
    Checkpoint other = new Checkpoint(ORIGIN, 43, CP.root(), CP.extensions());
    NoteSignature wrong = WITNESS_A.cosign(other, 10);
    Throwable t =
        catchThrowable(
            () -> SignedCheckpoint.sign(CP, LOG).withCosignature(wrong, WITNESS_A.verifierKey()));
    assertThat(t).isInstanceOf(NoteSignatureException.class);
    t =
        catchThrowable(
            () ->
                SignedCheckpoint.sign(CP, LOG)
                    .withCosignature(WITNESS_A.cosign(CP, 10), WITNESS_B.verifierKey()));
    assertThat(t).isInstanceOf(NoteSignatureException.class);
  }

  @Test
  void tamperedTimestampOrSignatureRejectsTheNote() throws Exception {
    NoteSignature good = WITNESS_A.cosign(CP, 1000);
    for (int i = 0; i < Cosignature.SIZE; i += 7) {
      byte[] sig = good.signature();
      sig[i] ^= 0x01;
      NoteSignature bad = new NoteSignature(good.name(), good.keyId(), sig);
      byte[] note =
          Note.of(CheckpointCodec.encode(CP), List.of())
              .sign(List.of(LOG))
              .withSignatures(List.of(bad))
              .encode();
      Throwable t =
          catchThrowable(() -> SignedCheckpoint.open(note, ORIGIN, LOG.verifierKey(), WITNESSES));
      assertThat(t).as("byte %d", i).isInstanceOf(NoteSignatureException.class);
      // A reader who does not trust this witness just keeps the line unverified.
      assertThat(SignedCheckpoint.open(note, ORIGIN, LOG.verifierKey()).verifiedNote().unverified())
          .containsExactly(bad);
    }
  }

  @Test
  void timestampAboveTwoTo63IsRejected() throws VerificationException, MalformedException {
    byte[] sig = WITNESS_A.cosign(CP, 5).signature();
    sig[0] = (byte) 0x80;
    byte[] body = CheckpointCodec.encode(CP).getBytes(StandardCharsets.UTF_8);
    assertThat(WITNESS_A.verifierKey().verify(body, sig)).isFalse();
    assertThat(catchThrowable(() -> WITNESS_A.at(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
