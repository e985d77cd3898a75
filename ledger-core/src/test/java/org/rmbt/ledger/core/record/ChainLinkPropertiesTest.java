package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.testing.DemoEnvelopes;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.LedgerEntry;

/**
 * {@link EntryCodec#readChainLink}, the prefix reader of hash-only log verification, against the
 * strict decoder: the same values on every entry {@link EntryCodec#decodeEntry} accepts, and no
 * prefix accepted unless it is exactly the canonical encoding of what it returns.
 */
class ChainLinkPropertiesTest {
  private static final Envelope ENVELOPE = envelope();

  @Provide
  Arbitrary<byte[]> entries() {
    Arbitrary<Long> indexes =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.of(0L, 1L, 127L, 128L, 16_383L, 16_384L, Long.MAX_VALUE));
    Arbitrary<byte[]> hashes = Arbitraries.bytes().array(byte[].class).ofSize(Hash.SIZE);
    Arbitrary<Long> times = Arbitraries.longs();
    return Combinators.combine(indexes, hashes, times)
        .as(
            (index, prev, at) ->
                LedgerEntry.newBuilder()
                    .setIndex(index)
                    .setPrevLeafHash(ByteString.copyFrom(prev))
                    .setIntegratedAt(at)
                    .setEnvelope(ENVELOPE)
                    .build()
                    .toByteArray());
  }

  @Property
  void agreesWithTheStrictDecoder(@ForAll("entries") byte[] bytes) throws MalformedException {
    LedgerEntry strict = EntryCodec.decodeEntry(bytes);
    EntryCodec.ChainLink link = EntryCodec.readChainLink(bytes);
    assertThat(link.index()).isEqualTo(strict.getIndex());
    assertThat(link.prevLeafHash()).isEqualTo(EntryCodec.prevLeafHash(strict));
  }

  /** Any byte of the prefix changed: refused, or read exactly as the strict decoder reads it. */
  @Property(tries = 2000)
  void acceptsOnlyCanonicalPrefixes(
      @ForAll("entries") byte[] bytes,
      @ForAll @IntRange(min = 0, max = 43) int at,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] mutated = bytes.clone();
    mutated[at] ^= (byte) xor; // the prefix is at most 44 bytes
    EntryCodec.ChainLink link;
    try {
      link = EntryCodec.readChainLink(mutated);
    } catch (MalformedException refused) {
      return;
    }
    byte[] canonical =
        LedgerEntry.newBuilder()
            .setIndex(link.index())
            .setPrevLeafHash(ByteString.copyFrom(link.prevLeafHash().bytes()))
            .build()
            .toByteArray();
    assertThat(Arrays.copyOf(mutated, canonical.length)).isEqualTo(canonical);
    try {
      LedgerEntry strict = EntryCodec.decodeEntry(mutated);
      assertThat(strict.getIndex()).isEqualTo(link.index());
      assertThat(EntryCodec.prevLeafHash(strict)).isEqualTo(link.prevLeafHash());
    } catch (MalformedException rejectedLaterInTheEntry) {
      // The prefix was canonical; the damage is past it, where only the leaf hash checks.
    }
  }

  @Example
  void refusesNonCanonicalLayouts() {
    byte[] prev = new byte[2 + Hash.SIZE];
    prev[0] = 0x12;
    prev[1] = 0x20;
    assertRefused(concat(new byte[] {0x08, 0x00}, prev)); // index 0 must be omitted
    assertRefused(concat(new byte[] {0x08, (byte) 0x81, 0x00}, prev)); // padded varint
    assertRefused(
        concat(
            new byte[] {
              0x08,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff,
              0x01
            },
            prev)); // negative
    assertRefused(concat(new byte[] {0x18, 0x01}, prev)); // another field first
    assertRefused(concat(new byte[] {0x0a, 0x01, 0x01}, prev)); // index with the wrong wire type
    assertRefused(Arrays.copyOf(prev, prev.length - 1)); // short hash
    assertRefused(new byte[] {0x08}); // truncated varint
    assertRefused(new byte[0]);
  }

  private static void assertRefused(byte[] bytes) {
    assertThatThrownBy(() -> EntryCodec.readChainLink(bytes))
        .isInstanceOf(MalformedException.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static Envelope envelope() {
    try {
      return EntryCodec.decodeEnvelope(DemoEnvelopes.envelope(DemoEnvelopes.key(1), 1));
    } catch (MalformedException e) {
      throw new AssertionError(e);
    }
  }
}
