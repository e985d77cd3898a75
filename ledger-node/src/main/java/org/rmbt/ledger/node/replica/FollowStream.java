package org.rmbt.ledger.node.replica;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.CheckedEntry;
import org.rmbt.ledger.core.ledger.ReplicaLog;
import org.rmbt.ledger.proto.EntryPage;
import org.rmbt.ledger.proto.FollowRequest;
import org.rmbt.ledger.proto.FollowResponse;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * One Follow call, read on a thread of its own so that fetching overlaps checking and writing: each
 * page's order-free checks ({@link ReplicaLog#check}) start on the checking pool as soon as it
 * arrives, in slices, and at most {@link #AHEAD} pages wait for the follower, which makes the
 * ordered checks and the durable write. A full queue stops the reading, and gRPC flow control stops
 * the primary.
 */
final class FollowStream {
  /** Pages fetched and being checked ahead of the one being written. */
  static final int AHEAD = 4;

  /** Entries per checking task: small enough to spread a page over every core. */
  static final int SLICE = 256;

  /** Entries sent one per message (an older primary) are gathered into chunks of this size. */
  static final int CHUNK = 2048;

  private final ReplicaLog log;
  private final ExecutorService checkers;
  private final LedgerServiceGrpc.LedgerServiceBlockingStub stub;
  private final FollowRequest request;
  private final BlockingQueue<Fetched> queue = new ArrayBlockingQueue<>(AHEAD);
  private final Thread thread;
  private long next;

  private FollowStream(
      ReplicaLog log,
      ExecutorService checkers,
      LedgerServiceGrpc.LedgerServiceBlockingStub stub,
      FollowRequest request,
      Context ctx) {
    this.log = log;
    this.checkers = checkers;
    this.stub = stub;
    this.request = request;
    this.next = request.getFromIndex();
    this.thread = new Thread(ctx.wrap(this::fetchAll), "rmbt-replica-fetch");
    this.thread.setDaemon(true);
  }

  /**
   * Starts a Follow call in {@code ctx} (cancelling it ends the call) from the log's size, asking
   * for pages of at most {@code pageBytes}.
   */
  static FollowStream start(
      ReplicaLog log,
      ExecutorService checkers,
      LedgerServiceGrpc.LedgerServiceBlockingStub stub,
      Context ctx,
      int pageBytes) {
    FollowRequest req =
        FollowRequest.newBuilder().setFromIndex(log.size()).setMaxPageBytes(pageBytes).build();
    FollowStream s = new FollowStream(log, checkers, stub, req, ctx);
    s.thread.start();
    return s;
  }

  /** The next item, in stream order; blocks until there is one. */
  Fetched next() throws InterruptedException {
    return queue.take();
  }

  private void fetchAll() {
    Optional<Exception> error = Optional.empty();
    try {
      Iterator<FollowResponse> it = stub.follow(request);
      List<ByteString> singles = new ArrayList<>();
      while (it.hasNext()) {
        FollowResponse r = it.next();
        switch (r.getItemCase()) {
          case PAGE -> {
            flush(singles);
            page(r.getPage());
          }
          case ENTRY -> {
            singles.add(r.getEntry().getEntry());
            if (singles.size() >= CHUNK) {
              flush(singles);
            }
          }
          case CHECKPOINT -> {
            flush(singles);
            queue.put(new Fetched.Checkpoint(r.getCheckpoint().getNote().toByteArray()));
          }
          default -> {} // an item this replica does not know: a newer primary's, not for it
        }
      }
      flush(singles);
    } catch (RuntimeException | MalformedException e) {
      error = Optional.of(e); // the follower rethrows it
    } catch (InterruptedException e) {
      return; // closed: the follower no longer reads
    }
    try {
      queue.put(new Fetched.End(error));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void page(EntryPage page) throws MalformedException, InterruptedException {
    if (page.getFirstIndex() != next) {
      throw new MalformedException("page.first_index", page.getFirstIndex() + ", want " + next);
    }
    enqueue(page.getEntriesList());
  }

  private void flush(List<ByteString> singles) throws InterruptedException {
    if (!singles.isEmpty()) {
      enqueue(List.copyOf(singles));
      singles.clear();
    }
  }

  /** Starts checking {@code entries} on the pool, a slice per task, and queues the result. */
  private void enqueue(List<ByteString> entries) throws InterruptedException {
    List<CompletableFuture<List<CheckedEntry>>> slices = new ArrayList<>();
    for (int from = 0; from < entries.size(); from += SLICE) {
      List<ByteString> slice = entries.subList(from, Math.min(entries.size(), from + SLICE));
      slices.add(CompletableFuture.supplyAsync(() -> check(slice), checkers));
    }
    CompletableFuture<List<CheckedEntry>> all =
        CompletableFuture.allOf(slices.toArray(new CompletableFuture<?>[0]))
            .thenApply(v -> slices.stream().flatMap(f -> f.join().stream()).toList());
    next += entries.size();
    queue.put(new Fetched.Entries(entries.size(), all));
  }

  private List<CheckedEntry> check(List<ByteString> slice) {
    List<CheckedEntry> out = new ArrayList<>(slice.size());
    for (ByteString b : slice) {
      out.add(log.check(b.toByteArray()));
    }
    return out;
  }

  /** Stops reading: the caller cancels the call's context first. */
  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }
}
