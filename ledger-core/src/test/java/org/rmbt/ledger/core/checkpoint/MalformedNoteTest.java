package org.rmbt.ledger.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.rmbt.ledger.core.checkpoint.TestKeys.LOG;
import static org.rmbt.ledger.core.checkpoint.TestKeys.ORIGIN;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;

/** Hostile or sloppy inputs give the checked exception that names the field. */
class MalformedNoteTest {
  private static final Hash ROOT = Hashing.sha256("root".getBytes(StandardCharsets.UTF_8));
  private static final String ROOT_B64 = ROOT.base64();

  /** Signs {@code body} with the log key, whatever it is, and opens the result. */
  private static Throwable openSigned(String body) throws MalformedException {
    byte[] note = Note.of(body, List.of()).sign(List.of(LOG)).encode();
    return catchThrowable(() -> SignedCheckpoint.open(note, ORIGIN, LOG.verifierKey()));
  }

  private static void assertMalformed(Throwable t, String field) {
    assertThat(t).isInstanceOf(MalformedException.class);
    assertThat(((MalformedException) t).field()).isEqualTo(field);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+5",
        "007",
        "-1",
        "-0",
        "00",
        "",
        " 5",
        "5 ",
        "\u0661\u0662",
        "\uff15",
        "1e3",
        "0x10",
        "9223372036854775808",
        "18446744073709551616",
        "3438945738945739845734895735"
      })
  void nonCanonicalSizesAreRejected(String size) throws MalformedException {
    assertMalformed(openSigned(ORIGIN + "\n" + size + "\n" + ROOT_B64 + "\n"), "checkpoint.size");
  }

  @Test
  void largestSizeIsAccepted() throws Exception {
    String body = ORIGIN + "\n" + Long.MAX_VALUE + "\n" + ROOT_B64 + "\n";
    assertThat(CheckpointCodec.parse(body).size()).isEqualTo(Long.MAX_VALUE);
    assertThat(CheckpointCodec.parse(ORIGIN + "\n0\n" + ROOT_B64 + "\n").size()).isZero();
  }

  @Test
  void badRootsAreRejected() throws MalformedException {
    String head = ORIGIN + "\n5\n";
    assertMalformed(openSigned(head + ROOT_B64 + " \n"), "checkpoint.root"); // trailing space
    assertMalformed(openSigned(head + ROOT_B64.replace("=", "") + "\n"), "checkpoint.root");
    assertMalformed(openSigned(head + "YWJjZGVm\n"), "checkpoint.root"); // 6 bytes
    assertMalformed(openSigned(head + "ThisIsn'tBase64\n"), "checkpoint.root");
  }

  @Test
  void emptyOriginOrExtensionIsRejected() throws MalformedException {
    assertMalformed(openSigned("\n5\n" + ROOT_B64 + "\n"), "checkpoint.origin");
    assertMalformed(
        openSigned(ORIGIN + "\n5\n" + ROOT_B64 + "\next\n\n"), "checkpoint.extension[1]");
    Throwable t = catchThrowable(() -> CheckpointCodec.parse(ORIGIN + "\n5\n" + ROOT_B64 + "\n\n"));
    assertMalformed(t, "checkpoint.extension[0]");
  }

  @Test
  void missingBlankLine() {
    String note = ORIGIN + "\n5\n" + ROOT_B64 + "\n\u2014 " + LOG.name() + " AAAA\n";
    assertMalformed(catchThrowable(() -> Note.parse(bytes(note))), "note");
  }

  @Test
  void badSignatureLines() throws MalformedException {
    String good = new String(signedNote(), StandardCharsets.UTF_8);
    String sigLine = good.substring(good.lastIndexOf("\n\n") + 2);
    String text = good.substring(0, good.lastIndexOf("\n\n") + 2);
    String[] bad = {
      sigLine.replace("\n", " \n"), // trailing space
      sigLine.replace("=\n", "\n"), // padding dropped
      sigLine.replace("\u2014 ", "- "), // hyphen for em dash
      sigLine.replace("\u2014 ", "\u2014  "), // two spaces
      sigLine.replace("\n", "\r\n"), // CR
      sigLine.substring(0, sigLine.length() - 1), // no final newline
      "\u2014 " + LOG.name() + " AAAAAA==\n", // key ID only
      "\u2014 " + LOG.name() + "\n", // no signature
    };
    for (String line : bad) {
      Throwable t = catchThrowable(() -> Note.parse(bytes(text + line)));
      assertThat(t).as(line).isInstanceOf(MalformedException.class);
      assertThat(((MalformedException) t).field()).startsWith("note");
    }
  }

  @Test
  void invalidUtf8AndControlCharacters() {
    byte[] note = signedNote();
    byte[] invalid = note.clone();
    invalid[0] = (byte) 0xff;
    assertMalformed(catchThrowable(() -> Note.parse(invalid)), "note");
    byte[] control = note.clone();
    control[0] = 0x01;
    assertMalformed(catchThrowable(() -> Note.parse(control)), "note");
  }

  @Test
  void overLongNoteAndTooManySignatures() throws MalformedException {
    byte[] big = bytes("a".repeat(Note.MAX_BYTES) + "\n\n\u2014 x AAAAAAA=\n");
    assertMalformed(catchThrowable(() -> Note.parse(big)), "note");
    String good = new String(signedNote(), StandardCharsets.UTF_8);
    String sigLine = good.substring(good.lastIndexOf("\n\n") + 2);
    String text = good.substring(0, good.lastIndexOf("\n\n") + 2);
    assertThat(Note.parse(bytes(text + sigLine.repeat(100))).signatures()).hasSize(100);
    Throwable t = catchThrowable(() -> Note.parse(bytes(text + sigLine.repeat(101))));
    assertMalformed(t, "note.signature[100]");
  }

  @Test
  void unknownKeyAndWrongOrigin() {
    byte[] note = signedNote();
    VerifierKey other = TestKeys.WITNESS_A.verifierKey();
    Throwable t = catchThrowable(() -> SignedCheckpoint.open(note, ORIGIN, other));
    assertThat(t).isInstanceOf(UnknownKeyException.class);
    assertThat(((UnknownKeyException) t).unverified()).hasSize(1);
    t = catchThrowable(() -> SignedCheckpoint.open(note, "other.example/log", LOG.verifierKey()));
    assertThat(t).isInstanceOf(OriginMismatchException.class);
  }

  @Test
  void signingRejectsBadText() {
    assertThat(catchThrowable(() -> Note.of("no newline", List.of())))
        .isInstanceOf(MalformedException.class);
    assertThat(catchThrowable(() -> Note.of("tab\there\n", List.of())))
        .isInstanceOf(MalformedException.class);
    assertThat(catchThrowable(() -> Note.of("\ud800\n", List.of())))
        .isInstanceOf(MalformedException.class);
  }

  static byte[] signedNote() {
    return SignedCheckpoint.sign(new Checkpoint(ORIGIN, 5, ROOT), LOG).note();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
