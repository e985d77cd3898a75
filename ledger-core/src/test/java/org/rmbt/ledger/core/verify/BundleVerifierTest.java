package org.rmbt.ledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.ledger.AppendResult;
import org.rmbt.ledger.core.ledger.Ledger;
import org.rmbt.ledger.core.ledger.LedgerConfig;
import org.rmbt.ledger.core.ledger.LogSigner;
import org.rmbt.ledger.core.record.SignerKeyRing;
import org.rmbt.ledger.core.store.InMemoryLogStore;
import org.rmbt.ledger.core.testing.DemoEnvelopes;

class BundleVerifierTest {
  static final SignerKey LOG_KEY = SignerKey.of("bundle.example/log", DemoEnvelopes.key(11));
  static final Ed25519PrivateKey SIGNER = DemoEnvelopes.key(12);
  static Ledger ledger;
  static ProofBundle bundle;
  static String json;

  @BeforeAll
  static void buildLog() throws Exception {
    AtomicLong clock = new AtomicLong();
    ledger =
        Ledger.open(
            new InMemoryLogStore(),
            new LogSigner(LOG_KEY),
            SignerKeyRing.of(List.of(SIGNER.publicKey())),
            clock::incrementAndGet,
            new LedgerConfig(10, 0, 1000));
    appendAll(0, 20);
    appendAll(20, 37);
    bundle =
        new BundleAssembler(ledger.view(), LOG_KEY.verifierKey().encode())
            .assemble(new TreeSet<>(List.of(0L, 1L, 2L, 17L, 36L)), new TreeSet<>(List.of(20L)));
    json = ProofBundleCodec.encode(bundle);
  }

  private static void appendAll(int from, int to) throws Exception {
    List<CompletableFuture<AppendResult>> fs = new ArrayList<>();
    for (int i = from; i < to; i++) {
      fs.add(ledger.append(DemoEnvelopes.envelope(SIGNER, i)));
    }
    for (CompletableFuture<AppendResult> f : fs) {
      f.get();
    }
  }

  @AfterAll
  static void close() {
    ledger.close();
  }

  private static VerifiedBundle verify(String text) throws Exception {
    return BundleVerifier.trusting(LOG_KEY.verifierKey()).verify(ProofBundleCodec.decode(text));
  }

  @Test
  void bundleVerifiesAndRoundTrips() throws Exception {
    VerifiedBundle v = verify(json);
    assertThat(v.entries()).isEqualTo(5);
    assertThat(v.consistencyProofs()).isEqualTo(1);
    assertThat(v.checkpoint().checkpoint().size()).isEqualTo(37);
    assertThat(ProofBundleCodec.encode(ProofBundleCodec.decode(json))).isEqualTo(json);
    assertThat(ProofBundleCodec.decode(json)).isEqualTo(bundle);
  }

  @Test
  void everyFlippedByteIsRejectedWithACheckedError() {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      for (int bit : new int[] {0x01, 0x10}) {
        byte[] mutated = bytes.clone();
        mutated[i] ^= (byte) bit;
        Throwable t = catchThrowable(() -> verify(new String(mutated, StandardCharsets.UTF_8)));
        if (t == null) {
          accepted.add("byte " + i + " bit " + bit);
        } else {
          assertThat(t).isInstanceOfAny(MalformedException.class, VerificationException.class);
        }
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void anotherLogKeyIsRefused() {
    SignerKey other = SignerKey.of("bundle.example/log", DemoEnvelopes.key(13));
    assertThatThrownBy(
            () ->
                BundleVerifier.trusting(other.verifierKey()).verify(ProofBundleCodec.decode(json)))
        .isInstanceOf(LogVerificationException.class)
        .hasMessageContaining("not the trusted");
  }

  @Test
  void reorderedOrWrongEntriesAreRefused() throws Exception {
    List<ProofBundle.Entry> es = new ArrayList<>(bundle.entries());
    ProofBundle.Entry first = es.remove(0);
    es.add(1, first);
    assertThatThrownBy(() -> BundleVerifier.trusting(LOG_KEY.verifierKey()).verify(with(es)))
        .hasMessageContaining("increasing index order");
    List<ProofBundle.Entry> swapped = new ArrayList<>(bundle.entries());
    ProofBundle.Entry e = swapped.get(3);
    swapped.set(
        3, new ProofBundle.Entry(e.index(), bundle.entries().get(4).entry(), e.inclusionProof()));
    assertThatThrownBy(() -> BundleVerifier.trusting(LOG_KEY.verifierKey()).verify(with(swapped)))
        .hasMessageContaining("entries[3] (index 17): entry carries index 36");
  }

  @Test
  void brokenChainBetweenConsecutiveEntriesIsNamed() throws Exception {
    // Entry 2 re-created with another predecessor would need a new proof; an entry whose proof
    // is right but whose neighbour is swapped for another log's entry shows the chain check.
    List<ProofBundle.Entry> es = new ArrayList<>(bundle.entries());
    ProofBundle.Entry e1 = es.get(1);
    List<Hash> badProof = new ArrayList<>(e1.inclusionProof());
    badProof.set(0, badProof.get(0).equals(Hash.ZERO) ? new Hash(new byte[32]) : Hash.ZERO);
    es.set(1, new ProofBundle.Entry(1, e1.entry(), badProof));
    assertThatThrownBy(() -> BundleVerifier.trusting(LOG_KEY.verifierKey()).verify(with(es)))
        .hasMessageContaining("entries[1] (index 1)");
  }

  @Test
  void strictDecoding() {
    assertThatThrownBy(() -> ProofBundleCodec.decode(json.replace("\"format\"", "\"formats\"")))
        .hasMessageContaining("bundle.formats: unknown field");
    assertThatThrownBy(() -> ProofBundleCodec.decode(json + "{}"))
        .isInstanceOf(MalformedException.class);
    assertThatThrownBy(
            () -> ProofBundleCodec.decode(json.replace("\"index\" : 17", "\"index\" : -17")))
        .hasMessageContaining("bundle.entries[3].index: must be a non-negative integer");
    assertThatThrownBy(
            () ->
                ProofBundleCodec.decode(
                    json.replaceFirst("\"logKey\"", "\"logKey\" : \"x\", \"logKey\"")))
        .isInstanceOf(MalformedException.class);
  }

  private static ProofBundle with(List<ProofBundle.Entry> entries) {
    return new ProofBundle(
        bundle.logKey(),
        bundle.checkpoint(),
        entries,
        bundle.consistency(),
        bundle.witnesses(),
        bundle.witnessQuorum(),
        bundle.anchors());
  }
}
