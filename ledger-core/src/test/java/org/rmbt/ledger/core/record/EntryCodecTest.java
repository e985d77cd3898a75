package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.testing.DemoEnvelopes;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.LedgerEntry;
import org.rmbt.ledger.proto.SubjectLink;

class EntryCodecTest {
  private static final byte[] ENTRY = entry(5, Hash.ZERO.bytes()).toByteArray();

  private static LedgerEntry entry(long index, byte[] prev) {
    try {
      Envelope env = Envelope.parseFrom(DemoEnvelopes.envelope(DemoEnvelopes.key(3), index));
      return LedgerEntry.newBuilder()
          .setIndex(index)
          .setPrevLeafHash(ByteString.copyFrom(prev))
          .setIntegratedAt(1234)
          .setEnvelope(env)
          .build();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** Appending the envelope's bytes gives exactly the encoding of the entry with its envelope. */
  @Property(tries = 200)
  void encodeEntryEqualsEncodingTheWholeMessage(
      @ForAll long index,
      @ForAll long integratedAt,
      @ForAll @Size(max = 3)
          java.util.List<@net.jqwik.api.constraints.AlphaChars String> subjects) {
    LedgerEntry full =
        entry(Math.abs(index % 1_000_000), new byte[32]).toBuilder()
            .setIntegratedAt(integratedAt)
            .addAllSubjectLinks(
                subjects.stream().map(s -> SubjectLink.newBuilder().setSubject(s).build()).toList())
            .build();
    LedgerEntry head = full.toBuilder().clearEnvelope().build();
    assertThat(EntryCodec.encodeEntry(head, full.getEnvelope().toByteArray()))
        .isEqualTo(full.toByteArray());
    assertThat(EntryCodec.envelopeHash(full, full.toByteArray()))
        .isEqualTo(Hashing.sha256(full.getEnvelope().toByteArray()));
    assertThatThrownBy(() -> EntryCodec.encodeEntry(full, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validEntryDecodes() throws Exception {
    LedgerEntry e = EntryCodec.decodeEntry(ENTRY);
    assertThat(e.getIndex()).isEqualTo(5);
    assertThat(EntryCodec.prevLeafHash(e)).isEqualTo(Hash.ZERO);
  }

  @Test
  void everyTruncationIsRejected() {
    for (int n = 0; n < ENTRY.length; n++) {
      byte[] cut = Arrays.copyOf(ENTRY, n);
      assertThat(catchThrowable(() -> EntryCodec.decodeEntry(cut)))
          .as("truncated to %d bytes", n)
          .isInstanceOf(MalformedException.class);
    }
  }

  @Test
  void wrongLengthHashesAreNamed() {
    byte[] shortPrev = entry(5, new byte[31]).toByteArray();
    assertThatThrownBy(() -> EntryCodec.decodeEntry(shortPrev))
        .hasMessage("entry.prev_leaf_hash: must be 32 bytes, got 31");
    byte[] badLink =
        entry(5, Hash.ZERO.bytes()).toBuilder()
            .addSubjectLinks(
                SubjectLink.newBuilder()
                    .setSubject("model:x")
                    .setPrevLeafHash(ByteString.copyFrom(new byte[33])))
            .build()
            .toByteArray();
    assertThatThrownBy(() -> EntryCodec.decodeEntry(badLink))
        .hasMessage("entry.subject_links[0].prev_leaf_hash: must be 32 bytes, got 33");
  }

  @Test
  void missingEnvelopeIsNamed() {
    byte[] bare = entry(5, Hash.ZERO.bytes()).toBuilder().clearEnvelope().build().toByteArray();
    assertThatThrownBy(() -> EntryCodec.decodeEntry(bare)).hasMessage("entry.envelope: missing");
  }

  @Property(tries = 2000)
  void randomBytesOnlyEverThrowMalformed(@ForAll @Size(max = 300) byte[] junk) {
    Throwable t = catchThrowable(() -> EntryCodec.decodeEntry(junk));
    if (t != null) {
      assertThat(t).isInstanceOf(MalformedException.class);
    }
    Throwable u = catchThrowable(() -> EntryCodec.decodeEnvelope(junk));
    if (u != null) {
      assertThat(u).isInstanceOf(MalformedException.class);
    }
  }

  @Property(tries = 500)
  void anyFlippedBitIsRejectedOrChangesTheMeaning(@ForAll("positions") int bit) {
    byte[] flipped = ENTRY.clone();
    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
    try {
      LedgerEntry e = EntryCodec.decodeEntry(flipped);
      // Canonical decoding: bytes that decode are exactly the encoding of what they mean.
      assertThat(e.toByteArray()).isEqualTo(flipped).isNotEqualTo(ENTRY);
    } catch (MalformedException expected) {
      // rejected with a field and reason
      assertThat(expected.field()).startsWith("entry");
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> positions() {
    return net.jqwik.api.Arbitraries.integers().between(0, ENTRY.length * 8 - 1);
  }
}
