package org.rmbt.ledger.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.rmbt.ledger.core.checkpoint.TestKeys.LOG;
import static org.rmbt.ledger.core.checkpoint.TestKeys.ORIGIN;
import static org.rmbt.ledger.core.checkpoint.TestKeys.WITNESS_A;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;

/** Round trips, tamper detection and parser robustness over generated inputs. */
class CheckpointPropertiesTest {

  @Provide
  Arbitrary<String> lines() {
    // Any Unicode but control characters and lone surrogates; spaces and '+' are allowed.
    return Arbitraries.strings()
        .all()
        .excludeChars(controlAndSurrogates())
        .ofMinLength(1)
        .ofMaxLength(40);
  }

  private static char[] controlAndSurrogates() {
    char[] out = new char[0x20 + 0x800];
    for (int i = 0; i < 0x20; i++) {
      out[i] = (char) i;
    }
    for (int i = 0; i < 0x800; i++) {
      out[0x20 + i] = (char) (0xd800 + i);
    }
    return out;
  }

  @Provide
  Arbitrary<Checkpoint> checkpoints() {
    Arbitrary<Long> sizes =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.of(0L, Long.MAX_VALUE));
    Arbitrary<Hash> roots = Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::new);
    return Combinators.combine(lines(), sizes, roots, lines().list().ofMaxSize(3))
        .as(Checkpoint::new);
  }

  @Property
  void encodeParseRoundTrips(@ForAll("checkpoints") Checkpoint cp) throws MalformedException {
    String body = CheckpointCodec.encode(cp);
    Checkpoint parsed = CheckpointCodec.parse(body);
    assertThat(parsed).isEqualTo(cp);
    assertThat(CheckpointCodec.encode(parsed)).isEqualTo(body);
    assertThat(CheckpointCodec.parse(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(cp);
  }

  @Property
  void signedNoteRoundTrips(@ForAll("checkpoints") Checkpoint cp) throws Exception {
    SignedCheckpoint s = SignedCheckpoint.sign(cp, LOG);
    assertThat(Note.parse(s.note()).encode()).isEqualTo(s.note());
    assertThat(SignedCheckpoint.open(s.note(), cp.origin(), LOG.verifierKey()).checkpoint())
        .isEqualTo(cp);
  }

  /**
   * Any changed byte in a log-signed, witness-cosigned note fails to open for a reader that trusts
   * both keys and wants the witness: text, signature, name, key ID or structure.
   */
  @Property(tries = 300)
  void anyFlippedByteFailsToOpen(
      @ForAll("checkpoints") Checkpoint cp,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int xor)
      throws Exception {
    byte[] note =
        SignedCheckpoint.sign(cp, LOG)
            .withCosignature(WITNESS_A.cosign(cp, 1234), WITNESS_A.verifierKey())
            .note();
    note[where % note.length] ^= (byte) xor;
    List<VerifierKey> witnesses = List.of(WITNESS_A.verifierKey());
    Throwable t =
        catchThrowable(
            () -> SignedCheckpoint.open(note, cp.origin(), LOG.verifierKey(), witnesses, 1));
    assertThat(t).isInstanceOfAny(MalformedException.class, VerificationException.class);
  }

  @Property(tries = 2000)
  void parsersThrowOnlyCheckedExceptionsOnRandomText(@ForAll String s) {
    assertOnlyChecked(() -> CheckpointCodec.parse(s));
    assertOnlyChecked(() -> VerifierKey.parse(s));
    assertOnlyChecked(() -> SignerKey.parse(s));
    assertOnlyChecked(() -> Note.parse(s.getBytes(StandardCharsets.UTF_8)));
    assertOnlyChecked(() -> Note.of(s, List.of()));
  }

  @Property(tries = 2000)
  void parsersThrowOnlyCheckedExceptionsOnRandomBytes(@ForAll @Size(max = 300) byte[] b) {
    assertOnlyChecked(() -> Note.parse(b));
    assertOnlyChecked(() -> CheckpointCodec.parse(b));
    assertOnlyChecked(() -> SignedCheckpoint.open(b, ORIGIN, LOG.verifierKey()));
  }

  /** Mutations of valid inputs reach deeper than random text. */
  @Property(tries = 2000)
  void parsersThrowOnlyCheckedExceptionsOnMutatedInput(
      @ForAll @IntRange(min = 0, max = 10_000) int where,
      @ForAll @IntRange(min = 0, max = 4) int op,
      @ForAll("lines") String insert) {
    byte[] note = MalformedNoteTest.signedNote();
    String[] valid = {
      new String(note, StandardCharsets.UTF_8),
      LOG.verifierKey().encode(),
      LOG.encode(),
      WITNESS_A.verifierKey().encode()
    };
    for (String v : valid) {
      String m = mutate(v, where % v.length(), op, insert);
      assertOnlyChecked(() -> VerifierKey.parse(m));
      assertOnlyChecked(() -> SignerKey.parse(m));
      assertOnlyChecked(() -> CheckpointCodec.parse(m));
      byte[] bytes = m.getBytes(StandardCharsets.UTF_8);
      assertOnlyChecked(
          () ->
              SignedCheckpoint.open(
                  bytes, ORIGIN, LOG.verifierKey(), List.of(WITNESS_A.verifierKey()), 1));
    }
  }

  private static String mutate(String s, int at, int op, String insert) {
    return switch (op) {
      case 0 -> s.substring(0, at) + s.substring(at + 1);
      case 1 -> s.substring(0, at) + insert + s.substring(at);
      case 2 -> s.substring(0, at) + "\n" + s.substring(at);
      case 3 -> s.substring(0, at) + " " + s.substring(at + 1);
      default -> s.substring(0, at) + (char) (s.charAt(at) + 1) + s.substring(at + 1);
    };
  }

  private static void assertOnlyChecked(NoteVectorsTest.Action a) {
    try {
      a.run();
    } catch (MalformedException | VerificationException e) {
      // expected for bad input
    } catch (Exception e) {
      throw new AssertionError("unexpected exception type " + e, e);
    }
  }
}
