package org.rmbt.ledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.proto.Envelope;
import org.rmbt.ledger.proto.LedgerEntry;
import org.rmbt.ledger.proto.Signature;
import org.rmbt.ledger.proto.SubjectLink;

/**
 * A minimal sequencer for tests: verifies signatures against the state's keys, admits, builds the
 * entry with its hash chain and subject links, hashes it, applies. Rejections leave it unchanged.
 */
final class TestLog {
  static final long START = 1_780_000_000_000L;

  RecordState state = RecordState.empty();
  final List<Hash> leaves = new ArrayList<>();
  final List<Admission> admissions = new ArrayList<>();
  private final Map<String, Hash> lastAbout = new HashMap<>();
  final Map<String, Ed25519PrivateKey> keys = new HashMap<>();
  long now = START;

  /** A log holding the whole sample (27 entries), with the sample's keys. */
  static TestLog sample() {
    TestLog log = new TestLog();
    SampleData.Sample s = SampleData.generate(new Random(42), START);
    log.keys.putAll(s.keys());
    for (SampleData.Step step : s.steps()) {
      log.now = step.integratedAt();
      log.append(step.envelope(log.leaves));
    }
    return log;
  }

  Envelope seal(Message record, String... signers) {
    Ed25519PrivateKey[] ks = new Ed25519PrivateKey[signers.length];
    for (int i = 0; i < signers.length; i++) {
      ks[i] = keys.get(signers[i]);
    }
    return RecordCodec.seal(record, ks);
  }

  /** Appends a record signed by the named participants; returns its admission. */
  Admission append(Message record, String... signers) {
    return append(seal(record, signers));
  }

  Admission append(Envelope env) {
    try {
      return appendOrThrow(env);
    } catch (Exception e) {
      throw new AssertionError("entry " + state.size() + " rejected: " + e.getMessage(), e);
    }
  }

  Admission appendOrThrow(Envelope env) throws Exception {
    now += 1000;
    verifySignatures(env);
    long index = state.size();
    Admission a = RecordRules.admit(state, index, env, now);
    LedgerEntry.Builder e =
        LedgerEntry.newBuilder()
            .setIndex(index)
            .setPrevLeafHash(bytes(index == 0 ? Hash.ZERO : leaves.get((int) index - 1)))
            .setIntegratedAt(now)
            .setEnvelope(env);
    for (String s : a.subjects()) {
      Hash prev = lastAbout.get(s);
      e.addSubjectLinks(
          SubjectLink.newBuilder()
              .setSubject(s)
              .setPrevLeafHash(prev == null ? ByteString.EMPTY : bytes(prev)));
    }
    Hash leaf = Hashing.leaf(e.build().toByteArray());
    state = RecordRules.apply(state, a, index, leaf);
    leaves.add(leaf);
    admissions.add(a);
    a.subjects().forEach(s -> lastAbout.put(s, leaf));
    return a;
  }

  /** Submits a record that must be rejected; checks nothing changed and returns the error. */
  Throwable reject(Message record, String... signers) {
    return reject(seal(record, signers));
  }

  Throwable reject(Envelope env) {
    RecordState before = state;
    long nowBefore = now;
    Throwable t = catchThrowable(() -> appendOrThrow(env));
    assertThat(t).as("expected a rejection").isNotNull();
    assertThat(state).isSameAs(before);
    now = nowBefore;
    return t;
  }

  /** The caller-side check of the RecordRules contract: every signature by a known key verifies. */
  private void verifySignatures(Envelope env) throws Exception {
    if (state.size() == 0) {
      return; // genesis: admit checks it against the founders' keys
    }
    byte[] pae = Dsse.pae(env.getPayloadType(), env.getPayload().toByteArray());
    for (Signature s : env.getSignaturesList()) {
      Ed25519PublicKey k =
          state
              .publicKey(s.getKeyid())
              .orElseThrow(() -> new UnknownSignerException("envelope", s.getKeyid()));
      if (!k.verify(pae, s.getSig().toByteArray())) {
        throw new EnvelopeSignatureException("envelope", s.getKeyid());
      }
    }
  }

  Ed25519PrivateKey newKey(String id, int seed) {
    byte[] b = new byte[32];
    new Random(seed).nextBytes(b);
    Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(b);
    keys.put(id, k);
    return k;
  }

  static ByteString bytes(Hash h) {
    return ByteString.copyFrom(h.bytes());
  }
}
