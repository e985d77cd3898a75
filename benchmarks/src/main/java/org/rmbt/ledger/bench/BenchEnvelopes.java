package org.rmbt.ledger.bench;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.record.Dsse;
import org.rmbt.ledger.core.testing.DemoEnvelopes;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.Signature;

/** Envelopes with 256-byte payloads, distinct per number so none is a duplicate. */
public final class BenchEnvelopes {
  public static final int PAYLOAD_BYTES = 256;
  public static final Ed25519PrivateKey SIGNER = DemoEnvelopes.key(7);

  private BenchEnvelopes() {}

  public static byte[] payload(long n) {
    byte[] p = new byte[PAYLOAD_BYTES];
    ByteBuffer.wrap(p).putLong(n);
    return p;
  }

  /** Really signed by {@link #SIGNER}: what a client sends. Signing uses every core. */
  public static List<byte[]> signed(long first, int count) {
    return IntStream.range(0, count).parallel().mapToObj(i -> signed(first + i)).toList();
  }

  public static byte[] signed(long n) {
    return Dsse.seal(DemoEnvelopes.PAYLOAD_TYPE, payload(n), SIGNER).toByteArray();
  }

  /**
   * Well-formed, but its signature is 64 zero bytes: the same size as a signed one and accepted by
   * {@code EntryCodec}, for paths that skip signature checks (the sequencer hook, hash-only log
   * verification). {@code Ledger.append} would refuse it.
   */
  public static Envelope unsigned(long n) {
    return Envelope.newBuilder()
        .setPayloadType(DemoEnvelopes.PAYLOAD_TYPE)
        .setPayload(ByteString.copyFrom(payload(n)))
        .addSignatures(
            Signature.newBuilder()
                .setKeyid(Dsse.keyId(SIGNER.publicKey()))
                .setSig(ByteString.copyFrom(new byte[64])))
        .build();
  }
}
