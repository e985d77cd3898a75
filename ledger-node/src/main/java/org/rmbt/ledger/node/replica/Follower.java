package org.rmbt.ledger.node.replica;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.rmbt.ledger.core.checkpoint.Cosigner;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.ledger.CheckedEntry;
import org.rmbt.ledger.core.ledger.ForkDetectedException;
import org.rmbt.ledger.core.ledger.ReplicaLog;
import org.rmbt.ledger.proto.AddCosignatureRequest;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * Follows the primary: pages of entries are fetched and checked ahead on every core ({@link
 * FollowStream}), then go through {@link ReplicaLog#appendChecked} one synced write per page, in
 * order; each checkpoint through {@link ReplicaLog#accept}; an accepted one is cosigned and the
 * cosignature sent back. On a fork it writes the evidence and stops for good; on anything else it
 * reconnects after a backoff and resumes from its own durable size.
 */
final class Follower implements Runnable {
  private static final System.Logger LOG = System.getLogger(Follower.class.getName());

  /** Pages a little under the inbound message limit, so framing never pushes one over. */
  private static final int PAGE_SLACK = 4096;

  /** Signature checks are the cost of catch-up and need no log order: one thread per core. */
  private static final int CHECKERS = Runtime.getRuntime().availableProcessors();

  private final ReplicaLog log;
  private final VerifierKey logKey;
  private final Optional<Cosigner> witness;
  private final ManagedChannel channel;
  private final ExecutorService checkers;
  private final int pageBytes;
  private final ForkEvidenceStore evidence;
  private final Backoff backoff;
  private final LongSupplier clockMillis;
  private final CatchUpProgress progress = new CatchUpProgress(System::nanoTime);
  private final AtomicLong cosigned = new AtomicLong(-1);
  private volatile boolean frozen;
  private volatile boolean stopped;
  private volatile Context.CancellableContext call;

  Follower(
      ReplicaLog log,
      VerifierKey logKey,
      Optional<Cosigner> witness,
      ManagedChannel channel,
      ForkEvidenceStore evidence,
      Backoff backoff,
      LongSupplier clockMillis,
      boolean frozen,
      int maxInboundMessageBytes) {
    this.log = log;
    this.logKey = logKey;
    this.witness = witness;
    this.channel = channel;
    this.evidence = evidence;
    this.backoff = backoff;
    this.clockMillis = clockMillis;
    this.frozen = frozen;
    this.pageBytes = Math.max(1, maxInboundMessageBytes - PAGE_SLACK);
    this.checkers = Executors.newFixedThreadPool(CHECKERS, Follower::checkerThread);
  }

  private static Thread checkerThread(Runnable r) {
    Thread t = new Thread(r, "rmbt-replica-check");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void run() {
    try {
      follow();
    } finally {
      checkers.shutdownNow();
    }
  }

  private void follow() {
    while (!stopped && !frozen) {
      try {
        followOnce();
      } catch (ForkDetectedException f) {
        freeze(f);
        return;
      } catch (StatusRuntimeException | MalformedException | VerificationException e) {
        if (!stopped) {
          LOG.log(System.Logger.Level.WARNING, "replica: primary stream ended: " + e.getMessage());
        }
      }
      if (!stopped && !frozen) {
        LockSupport.parkNanos(backoff.nextNanos());
      }
    }
  }

  /** One Follow stream from this replica's durable size, until it fails or is stopped. */
  private void followOnce()
      throws ForkDetectedException, MalformedException, VerificationException {
    Context.CancellableContext ctx = Context.current().withCancellation();
    call = ctx;
    Context previous = ctx.attach();
    try {
      LedgerServiceGrpc.LedgerServiceBlockingStub stub = LedgerServiceGrpc.newBlockingStub(channel);
      try {
        consume(stub);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
          // The primary is smaller than what this replica holds: ask for its signed claim.
          checkpoint(
              stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance()).getNote().toByteArray(),
              stub);
        }
        throw e;
      }
    } finally {
      ctx.detach(previous);
      ctx.cancel(null);
    }
  }

  /**
   * Writes what the stream fetched, in order: each page's ordered checks and one synced write, and
   * each checkpoint accepted (durably) before it is cosigned. Later pages are being fetched and
   * checked meanwhile.
   */
  private void consume(LedgerServiceGrpc.LedgerServiceBlockingStub stub)
      throws ForkDetectedException, MalformedException, VerificationException {
    // The call's own context: ending it stops the fetching thread, and leaves the follower's
    // context usable (the INVALID_ARGUMENT path asks for the primary's checkpoint after it).
    Context.CancellableContext ctx = Context.current().withCancellation();
    FollowStream stream = FollowStream.start(log, checkers, stub, ctx, pageBytes);
    try {
      while (true) {
        Fetched f = stream.next();
        if (f instanceof Fetched.Entries e) {
          log.appendChecked(checked(e));
          progress.replayed(e.count(), log.size());
        } else if (f instanceof Fetched.Checkpoint c) {
          checkpoint(c.note(), stub);
          backoff.reset();
        } else if (f instanceof Fetched.End end) {
          rethrow(end);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopped
    } finally {
      ctx.cancel(null);
      closeQuietly(stream);
    }
  }

  private static List<CheckedEntry> checked(Fetched.Entries e) {
    try {
      return e.checked().join();
    } catch (CompletionException x) {
      throw x.getCause() instanceof RuntimeException r ? r : x;
    }
  }

  private static void rethrow(Fetched.End end) throws MalformedException {
    if (end.error().isEmpty()) {
      return;
    }
    Exception e = end.error().get();
    if (e instanceof MalformedException m) {
      throw m;
    }
    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
  }

  private static void closeQuietly(FollowStream stream) {
    try {
      stream.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Accepts the checkpoint (durably), then and only then cosigns it. */
  private void checkpoint(byte[] note, LedgerServiceGrpc.LedgerServiceBlockingStub stub)
      throws ForkDetectedException, MalformedException, VerificationException {
    SignedCheckpoint cp = log.accept(note);
    if (witness.isEmpty() || frozen) {
      return;
    }
    long seconds = TimeUnit.MILLISECONDS.toSeconds(clockMillis.getAsLong());
    String line = witness.get().cosign(cp.checkpoint(), seconds).line();
    try {
      stub.withDeadlineAfter(10, TimeUnit.SECONDS)
          .addCosignature(
              AddCosignatureRequest.newBuilder()
                  .setSize(cp.checkpoint().size())
                  .setSignatureLine(line)
                  .build());
      cosigned.set(cp.checkpoint().size());
    } catch (StatusRuntimeException e) {
      // Not fatal: the replica still verified and stored it; it cosigns again next time it is sent.
      LOG.log(System.Logger.Level.WARNING, "replica: AddCosignature refused: " + e.getStatus());
    }
  }

  private void freeze(ForkDetectedException f) {
    frozen = true;
    LOG.log(System.Logger.Level.ERROR, "replica: FORK DETECTED, frozen: " + f.getMessage());
    try {
      evidence.write(EvidenceCollector.collect(f, log, logKey, clockMillis.getAsLong()));
    } catch (IOException | MalformedException | VerificationException | RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "replica: could not write fork evidence", e);
    }
  }

  boolean frozen() {
    return frozen;
  }

  /** The largest size this replica cosigned and the primary took, -1 if none yet. */
  long cosignedSize() {
    return cosigned.get();
  }

  long catchUpRate() {
    return progress.rate();
  }

  void stop() {
    stopped = true;
    Context.CancellableContext c = call;
    if (c != null) {
      c.cancel(null);
    }
  }
}
