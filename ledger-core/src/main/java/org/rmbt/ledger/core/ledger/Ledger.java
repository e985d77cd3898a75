package org.rmbt.ledger.core.ledger;

import java.util.concurrent.CompletableFuture;
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
  private final LedgerView view;

  private Ledger(LogStore store, EntryPolicy policy, Sequencer sequencer, LogSigner signer) {
    this.store = store;
    this.policy = policy;
    this.sequencer = sequencer;
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
    BatchCommitter committer = new BatchCommitter(store, signer, clock, policy);
    return new Ledger(store, policy, new Sequencer(state, committer, config), signer);
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
   * Validates a serialized DSSE envelope now and queues it. The future completes once the entry and
   * a checkpoint covering it are durable; it fails with a storage fault or {@link
   * LedgerFrozenException}. Nothing is stored for a submission that throws here.
   *
   * @throws BackpressureException the queue is full
   */
  public CompletableFuture<AppendResult> append(byte[] envelopeBytes)
      throws MalformedException, VerificationException {
    Envelope env = EntryCodec.decodeEnvelope(envelopeBytes);
    policy.verifySignatures(env);
    return enqueue(env, Hashing.sha256(envelopeBytes));
  }

  /**
   * Queues an envelope that {@link #append} already decoded and verified. Package-private on
   * purpose: the only way in from outside is {@link #append}, which never skips a check. The
   * benchmarks call this from the same package to time the sequencer's durable path on its own.
   */
  CompletableFuture<AppendResult> enqueue(Envelope env, Hash envelopeHash) {
    CompletableFuture<AppendResult> result = new CompletableFuture<>();
    sequencer.submit(new Submission(env, envelopeHash, result));
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
