package org.rmbt.ledger.node.replica;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.rmbt.ledger.core.checkpoint.Cosigner;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.VerifierKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.ledger.ForkDetectedException;
import org.rmbt.ledger.core.ledger.ReplicaLog;
import org.rmbt.ledger.proto.AddCosignatureRequest;
import org.rmbt.ledger.proto.FollowRequest;
import org.rmbt.ledger.proto.FollowResponse;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * Follows the primary: entries go through {@link ReplicaLog#append} in chunks, each checkpoint
 * through {@link ReplicaLog#accept}; an accepted one is cosigned and the cosignature sent back. On
 * a fork it writes the evidence and stops for good; on anything else it reconnects after a backoff
 * and resumes from its own durable size.
 */
final class Follower implements Runnable {
  private static final System.Logger LOG = System.getLogger(Follower.class.getName());
  static final int CHUNK = 2048;

  private final ReplicaLog log;
  private final VerifierKey logKey;
  private final Optional<Cosigner> witness;
  private final ManagedChannel channel;
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
      boolean frozen) {
    this.log = log;
    this.logKey = logKey;
    this.witness = witness;
    this.channel = channel;
    this.evidence = evidence;
    this.backoff = backoff;
    this.clockMillis = clockMillis;
    this.frozen = frozen;
  }

  @Override
  public void run() {
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
      Iterator<FollowResponse> stream;
      try {
        stream = stub.follow(FollowRequest.newBuilder().setFromIndex(log.size()).build());
        consume(stream, stub);
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

  private void consume(
      Iterator<FollowResponse> stream, LedgerServiceGrpc.LedgerServiceBlockingStub stub)
      throws ForkDetectedException, MalformedException, VerificationException {
    List<byte[]> chunk = new ArrayList<>(CHUNK);
    while (stream.hasNext()) {
      FollowResponse r = stream.next();
      if (r.hasEntry()) {
        chunk.add(r.getEntry().getEntry().toByteArray());
        if (chunk.size() >= CHUNK) {
          flush(chunk);
        }
      } else if (r.hasCheckpoint()) {
        flush(chunk);
        checkpoint(r.getCheckpoint().getNote().toByteArray(), stub);
        backoff.reset();
      }
    }
  }

  private void flush(List<byte[]> chunk) throws ForkDetectedException {
    if (chunk.isEmpty()) {
      return;
    }
    log.append(chunk);
    progress.replayed(chunk.size(), log.size());
    chunk.clear();
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
