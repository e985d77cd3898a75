package org.rmbt.ledger.core.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.bench.BenchEnvelopes;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.record.SignerKeyRing;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.proto.Envelope;

/**
 * Hand-timed durable appends on a real {@link RocksLogStore}: JMH does not fit, since one
 * "operation" is thousands of concurrent appends finishing in synced batches.
 *
 * <p>Signed appends go through {@link Ledger#append} from one caller thread per core, so decoding
 * and Ed25519 verification run on the callers as in the node. Unsigned appends are pre-validated
 * submissions handed to {@link Ledger#enqueue} (package-private, hence this class's package): that
 * times the sequencer's durable path alone, with no switch in the public API that could turn
 * signature checks off.
 */
public final class DurableAppends {
  public static final SignerKey LOG_KEY =
      SignerKey.of("bench.rmbt.example/log", BenchEnvelopes.SIGNER);
  private static final int QUEUE = 200_000;

  private DurableAppends() {}

  public static Ledger open(Path dir, int maxBatch) {
    return open(dir, maxBatch, 0);
  }

  /** A ledger whose sequencer waits up to {@code delayMillis} to fill a batch. */
  public static Ledger open(Path dir, int maxBatch, long delayMillis) {
    return Ledger.open(
        RocksLogStore.open(dir),
        new LogSigner(LOG_KEY),
        SignerKeyRing.of(List.of(BenchEnvelopes.SIGNER.publicKey())),
        System::currentTimeMillis,
        new LedgerConfig(maxBatch, delayMillis, QUEUE));
  }

  /** Appends {@code envelopes} (serialized, signed) from {@code threads} callers; entries/s. */
  public static double signed(Ledger ledger, List<byte[]> envelopes, int threads)
      throws InterruptedException {
    InFlight inFlight = new InFlight(QUEUE / 2);
    List<Thread> callers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      List<byte[]> mine =
          envelopes.subList(envelopes.size() * t / threads, envelopes.size() * (t + 1) / threads);
      Thread caller = new Thread(() -> appendAll(ledger, mine, inFlight), "bench-caller-" + t);
      callers.add(caller);
      caller.start();
    }
    for (Thread c : callers) {
      c.join();
    }
    inFlight.awaitAll();
    return rate(envelopes.size(), start);
  }

  private static void appendAll(Ledger ledger, List<byte[]> envelopes, InFlight inFlight) {
    try {
      for (byte[] e : envelopes) {
        inFlight.acquire();
        inFlight.track(ledger.append(e));
      }
    } catch (MalformedException | VerificationException e) {
      throw new IllegalStateException("benchmark envelope refused", e);
    }
  }

  /**
   * Pre-validated submissions for envelope numbers {@code [first, first+count)}, at most {@code
   * window} in flight; entries/s.
   */
  public static double unsigned(Ledger ledger, long first, int count, int window) {
    return unsigned(ledger, Unsigned.prepare(first, count), window);
  }

  /** {@code input}, appended pre-validated, at most {@code window} in flight; entries/s. */
  public static double unsigned(Ledger ledger, Unsigned input, int window) {
    InFlight inFlight = new InFlight(Math.min(window, QUEUE));
    long start = System.nanoTime();
    for (int i = 0; i < input.envs.size(); i++) {
      inFlight.acquire();
      inFlight.track(ledger.enqueue(input.envs.get(i), input.bytes.get(i), input.hashes.get(i)));
    }
    inFlight.awaitAll();
    return rate(input.envs.size(), start);
  }

  /** Unsigned envelopes decoded and hashed ahead of a timed run, as callers would have. */
  public record Unsigned(List<Envelope> envs, List<byte[]> bytes, List<Hash> hashes) {
    public static Unsigned prepare(long first, int count) {
      Unsigned u = new Unsigned(new ArrayList<>(count), new ArrayList<>(count), new ArrayList<>());
      for (int i = 0; i < count; i++) {
        Envelope e = BenchEnvelopes.unsigned(first + i);
        u.envs.add(e);
        u.bytes.add(e.toByteArray());
        u.hashes.add(Hashing.sha256(u.bytes.get(i)));
      }
      return u;
    }
  }

  private static double rate(long n, long startNanos) {
    return n / ((System.nanoTime() - startNanos) / 1e9);
  }
}
