package org.rmbt.ledger.core.ledger;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.core.record.SignerKeyRing;
import org.rmbt.ledger.core.store.LogStore;
import org.rmbt.ledger.proto.Envelope;

/**
 * An open, writable log: validate → batch → durable write → integrate → sign checkpoint. Appends
 * are validated on the caller's thread (signature checks use every core), then sequenced by one
 * thread this class owns.
 */
public final class Ledger implements AutoCloseable {
  private final LogStore store;
  private final EntryPolicy policy;
  private final Sequencer sequencer;
  private final Thread thread;
  private final ExecutorService answers;
  private final LedgerView view;

  private Ledger(
      LogStore store,
      EntryPolicy policy,
      Sequencer sequencer,
      LogSigner signer,
      ExecutorService answers) {
    this.store = store;
    this.policy = policy;
    this.sequencer = sequencer;
    this.answers = answers;
    this.view = new LedgerView(store, signer, sequencer::state);
    this.thread = new Thread(sequencer, "rmbt-sequencer");
    thread.start();
  }

  /**
   * Opens the log in {@code store}: checks that its tail, tree and latest checkpoint agree (else
   * {@link LogIntegrityException}), signs a checkpoint over any batch a crash left unsigned, and
   * rebuilds the policy's state from the log if it keeps one.
   *
   * @param policy what the log accepts, e.g. {@link CompliancePolicy}
   * @param clock milliseconds since the epoch, stamped on each batch's entries
   */
  public static Ledger open(
      LogStore store,
      LogSigner signer,
      EntryPolicy policy,
      LongSupplier clock,
      LedgerConfig config) {
    LogState state = new LogOpener(store, signer).open();
    if (policy.replaysLog()) {
      new PolicyReplay(store, policy).replay(state.size());
    }
    ExecutorService answers = answerPool();
    BatchStager stager = new BatchStager(store, clock, policy, state);
    BatchCommitter committer = new BatchCommitter(store, signer, answers, state);
    Sequencer sequencer = new Sequencer(state, stager, committer, config);
    return new Ledger(store, policy, sequencer, signer, answers);
  }

  /** A plain log of any payload signed by one of {@code signers} ({@link SignerKeyPolicy}). */
  public static Ledger open(
      LogStore store,
      LogSigner signer,
      SignerKeyRing signers,
      LongSupplier clock,
      LedgerConfig config) {
    return open(store, signer, new SignerKeyPolicy(signers), clock, config);
  }

  /**
   * One thread computes each committed batch's inclusion proofs and answers its callers, so the
   * sequencer can stage the next batch meanwhile. A few batches may wait; past that the sequencer
   * answers itself (caller-runs), which bounds the memory held by unanswered batches.
   */
  private static ExecutorService answerPool() {
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(4),
        r -> new Thread(r, "rmbt-answer"),
        new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /**
   * Validates a serialized DSSE envelope now and queues it. The future completes once the entry and
   * a checkpoint covering it are durable; it fails with a storage fault or {@link
   * LedgerFrozenException}. Nothing is stored for a submission that throws here.
   *
   * @throws BackpressureException the queue is full
   */
  public CompletableFuture<AppendResult> append(byte[] envelopeBytes)
      throws MalformedException, VerificationException {
    byte[] exact = envelopeBytes.clone(); // what is hashed, checked and logged cannot change
    Envelope env = EntryCodec.decodeEnvelope(exact);
    policy.verifySignatures(env);
    return enqueue(env, exact, Hashing.sha256(exact));
  }

  /**
   * Queues an envelope that {@link #append} already decoded and verified. Package-private on
   * purpose: the only way in from outside is {@link #append}, which never skips a check. The
   * benchmarks call this from the same package to time the sequencer's durable path on its own.
   */
  CompletableFuture<AppendResult> enqueue(Envelope env, byte[] envelopeBytes, Hash envelopeHash) {
    CompletableFuture<AppendResult> result = new CompletableFuture<>();
    sequencer.submit(new Submission(env, envelopeBytes, envelopeHash, result));
    return result;
  }

  /** Reads, proofs and checkpoints, as of the latest durable checkpoint. */
  public LedgerView view() {
    return view;
  }

  /** Finishes what is queued, then stops; the last checkpoint signed covers every answer given. */
  @Override
  public void close() {
    sequencer.close();
    try {
      thread.join();
      // Nothing submits answers once the sequencer has stopped; let the last ones finish reading.
      answers.shutdown();
      answers.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
