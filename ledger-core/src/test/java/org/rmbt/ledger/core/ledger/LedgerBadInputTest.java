package org.rmbt.ledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.record.Dsse;
import org.rmbt.ledger.core.record.EnvelopeSignatureException;
import org.rmbt.ledger.core.record.UnknownSignerException;
import org.rmbt.ledger.core.store.InMemoryLogStore;
import org.rmbt.ledger.core.testing.DemoEnvelopes;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.Signature;

/** Every rejected submission names the field and reason and leaves the log exactly as it was. */
class LedgerBadInputTest {
  private static final Ed25519PrivateKey SIGNER = LedgerTest.SIGNER;
  private final InMemoryLogStore store = new InMemoryLogStore();
  private Ledger ledger;
  private byte[] checkpointBefore;

  @BeforeEach
  void openWithOneEntry() throws Exception {
    AtomicLong clock = new AtomicLong();
    ledger =
        Ledger.open(
            store,
            new LogSigner(LedgerTest.LOG_KEY),
            LedgerTest.SIGNERS,
            clock::incrementAndGet,
            LedgerConfig.DEFAULT);
    ledger.append(DemoEnvelopes.envelope(SIGNER, 0)).get();
    checkpointBefore = ledger.view().latestCheckpoint().note();
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private Throwable rejected(byte[] envelope) {
    Throwable t = catchThrowable(() -> ledger.append(envelope));
    assertThat(store.size()).isEqualTo(1);
    assertThat(ledger.view().latestCheckpoint().note()).isEqualTo(checkpointBefore);
    return t;
  }

  @Test
  void truncatedEnvelope() {
    byte[] env = DemoEnvelopes.envelope(SIGNER, 1);
    for (int cut = 0; cut < env.length; cut += 7) {
      Throwable t = rejected(Arrays.copyOf(env, cut));
      assertThat(t).isInstanceOf(MalformedException.class);
      assertThat(((MalformedException) t).field()).startsWith("envelope");
    }
  }

  @Test
  void unknownFieldIsRefused() {
    byte[] env = DemoEnvelopes.envelope(SIGNER, 1);
    byte[] extra = Arrays.copyOf(env, env.length + 2);
    extra[env.length] = (byte) 0x78; // field 15, varint
    extra[env.length + 1] = 1;
    assertThat(rejected(extra)).hasMessage("envelope: has fields this version does not know");
  }

  @Test
  void nonCanonicalFieldOrderIsRefused() throws Exception {
    Envelope e = Envelope.parseFrom(ByteString.copyFrom(DemoEnvelopes.envelope(SIGNER, 1)));
    byte[] typeFirst =
        concat(
            Envelope.newBuilder().setPayloadType(e.getPayloadType()).build().toByteArray(),
            Envelope.newBuilder().setPayload(e.getPayload()).build().toByteArray(),
            Envelope.newBuilder().addAllSignatures(e.getSignaturesList()).build().toByteArray());
    assertThat(rejected(typeFirst)).hasMessageContaining("not canonical");
  }

  @Test
  void unsignedEnvelope() {
    byte[] env = Dsse.seal(DemoEnvelopes.PAYLOAD_TYPE, new byte[] {1}).toByteArray();
    assertThat(rejected(env)).hasMessageStartingWith("envelope.signatures: must hold 1 to 16");
  }

  @Test
  void unknownSigner() {
    byte[] env = DemoEnvelopes.envelope(DemoEnvelopes.key(99), 1);
    Throwable t = rejected(env);
    assertThat(t).isInstanceOf(UnknownSignerException.class);
    assertThat(t).hasMessageContaining("envelope.signatures[0]");
  }

  @Test
  void signatureOverOtherPayload() throws Exception {
    Envelope e = Envelope.parseFrom(ByteString.copyFrom(DemoEnvelopes.envelope(SIGNER, 1)));
    byte[] forged =
        e.toBuilder().setPayload(ByteString.copyFromUtf8("{\"x\":2}")).build().toByteArray();
    assertThat(rejected(forged)).isInstanceOf(EnvelopeSignatureException.class);
  }

  @Test
  void wrongLengthSignatureAndKeyId() throws Exception {
    Envelope e = Envelope.parseFrom(ByteString.copyFrom(DemoEnvelopes.envelope(SIGNER, 1)));
    Signature s = e.getSignatures(0);
    byte[] shortSig =
        e.toBuilder()
            .setSignatures(0, s.toBuilder().setSig(s.getSig().substring(1)))
            .build()
            .toByteArray();
    assertThat(rejected(shortSig))
        .hasMessage("envelope.signatures[0].sig: must be 64 bytes, got 63");
    byte[] badKeyId =
        e.toBuilder()
            .setSignatures(0, s.toBuilder().setKeyid(s.getKeyid().toUpperCase()))
            .build()
            .toByteArray();
    assertThat(rejected(badKeyId)).hasMessageContaining("envelope.signatures[0].keyid");
  }

  @Test
  void oversizedPayload() {
    byte[] env =
        Dsse.seal(DemoEnvelopes.PAYLOAD_TYPE, new byte[(1 << 20) + 1], SIGNER).toByteArray();
    assertThat(rejected(env)).hasMessageContaining("envelope.payload: larger than");
  }

  @Test
  void signerListedTwice() throws Exception {
    Envelope once = Envelope.parseFrom(ByteString.copyFrom(DemoEnvelopes.envelope(SIGNER, 1)));
    byte[] twice = once.toBuilder().addSignatures(once.getSignatures(0)).build().toByteArray();
    assertThat(rejected(twice)).hasMessageContaining("same signer twice");
  }

  @Test
  void randomBytesNeverThrowUnchecked() {
    java.util.Random r = new java.util.Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[r.nextInt(200)];
      r.nextBytes(junk);
      Throwable t = rejected(junk);
      assertThat(t)
          .isInstanceOfAny(
              MalformedException.class,
              UnknownSignerException.class,
              EnvelopeSignatureException.class);
    }
    assertThat(List.of(store.size())).containsExactly(1L);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
