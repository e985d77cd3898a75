package org.rmbt.ledger.node.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.LedgerView;
import org.rmbt.ledger.proto.Entry;
import org.rmbt.ledger.proto.EntryPage;
import org.rmbt.ledger.proto.FollowResponse;

/**
 * Server streams of entries (GetEntries, Follow) with flow control: a page is read only while the
 * client can take more, so a slow client holds at most one page of entries in the node. A Follow
 * that has caught up polls the ledger's latest checkpoint; it never sends an entry before a
 * checkpoint covers it, and sends each checkpoint after the entries it covers.
 */
final class EntryStreamer {
  /** Entries per read; with envelopes of at most ~1 MiB this bounds a stream's buffer. */
  static final int PAGE = 16;

  /** Upper bounds on protobuf framing: an entry's tag and length, a page's index and wrapping. */
  private static final int ENTRY_OVERHEAD = 6;

  private static final int PAGE_OVERHEAD = 32;

  private final LedgerView view;
  private final Cosignatures cosignatures;
  private final ScheduledExecutorService executor;
  private final Duration poll;
  private final Set<Pump> open = ConcurrentHashMap.newKeySet();

  EntryStreamer(
      LedgerView view,
      Cosignatures cosignatures,
      ScheduledExecutorService executor,
      Duration poll) {
    this.view = view;
    this.cosignatures = cosignatures;
    this.executor = executor;
    this.poll = poll;
  }

  /** Streams entries [from, end), then completes; the range was checked by the caller. */
  void range(long from, long end, ServerCallStreamObserver<Entry> out) {
    start(new RangePump(from, end, out), out);
  }

  /**
   * Streams from {@code from} on, without end (the caller checked {@code from <= size}): entries
   * one per message if {@code pageBytes} is 0, else in pages of at most that many encoded bytes (at
   * least one entry each).
   */
  void follow(long from, int pageBytes, ServerCallStreamObserver<FollowResponse> out) {
    start(new FollowPump(from, pageBytes, out), out);
  }

  /** Open Follow streams (for the metrics). */
  long following() {
    return open.stream().filter(p -> p instanceof FollowPump).count();
  }

  /** Ends every open stream with UNAVAILABLE, so a graceful shutdown need not wait for them. */
  void closeAll() {
    for (Pump p : open) {
      p.stop(Status.UNAVAILABLE.withDescription("node shutting down"));
    }
  }

  private void start(Pump p, ServerCallStreamObserver<?> out) {
    open.add(p);
    out.setOnCancelHandler(() -> open.remove(p));
    out.setOnReadyHandler(() -> executor.execute(p));
    executor.execute(p);
  }

  private enum Step {
    MORE,
    IDLE,
    FINISHED
  }

  /** Sends while the client is ready; all sends of one stream run under its lock. */
  private abstract class Pump implements Runnable {
    private final ServerCallStreamObserver<?> out;
    private boolean done;
    private ScheduledFuture<?> pendingPoll;

    Pump(ServerCallStreamObserver<?> out) {
      this.out = out;
    }

    abstract Step step() throws Exception;

    @Override
    public synchronized void run() {
      try {
        while (!done && !out.isCancelled() && out.isReady()) {
          Step s = step();
          if (s == Step.FINISHED) {
            finish(null);
          } else if (s == Step.IDLE) {
            schedulePoll();
            return;
          }
        }
      } catch (Exception e) {
        finish(StatusMapper.toStatus(e));
      }
    }

    synchronized void stop(Status status) {
      finish(status);
    }

    private void finish(Status error) {
      if (done) {
        return;
      }
      done = true;
      open.remove(this);
      if (pendingPoll != null) {
        pendingPoll.cancel(false);
      }
      if (out.isCancelled()) {
        return;
      }
      if (error == null) {
        out.onCompleted();
      } else {
        out.onError(error.asRuntimeException());
      }
    }

    private void schedulePoll() {
      if (pendingPoll == null) {
        pendingPoll = executor.schedule(this::poll, poll.toNanos(), TimeUnit.NANOSECONDS);
      }
    }

    private synchronized void poll() {
      pendingPoll = null;
      run();
    }
  }

  private final class RangePump extends Pump {
    private final ServerCallStreamObserver<Entry> out;
    private final long end;
    private long next;

    RangePump(long from, long end, ServerCallStreamObserver<Entry> out) {
      super(out);
      this.out = out;
      this.next = from;
      this.end = end;
    }

    @Override
    Step step() throws Exception {
      if (next >= end) {
        return Step.FINISHED;
      }
      int n = (int) Math.min(PAGE, end - next);
      List<byte[]> entries = view.entries(next, n);
      for (byte[] e : entries) {
        out.onNext(Responses.entry(next++, e));
      }
      return Step.MORE;
    }
  }

  private final class FollowPump extends Pump {
    private final ServerCallStreamObserver<FollowResponse> out;
    private long next;
    private long sentCheckpointSize = -1;

    private final int pageBytes;

    FollowPump(long from, int pageBytes, ServerCallStreamObserver<FollowResponse> out) {
      super(out);
      this.out = out;
      this.next = from;
      this.pageBytes = pageBytes;
    }

    @Override
    Step step() throws Exception {
      SignedCheckpoint cp = view.latestCheckpoint();
      long size = cp.checkpoint().size();
      if (next < size && pageBytes > 0) {
        out.onNext(FollowResponse.newBuilder().setPage(page(size)).build());
        return Step.MORE;
      }
      if (next < size) {
        int n = (int) Math.min(PAGE, size - next);
        for (byte[] e : view.entries(next, n)) {
          out.onNext(FollowResponse.newBuilder().setEntry(Responses.entry(next++, e)).build());
        }
        return Step.MORE;
      }
      if (next == size && sentCheckpointSize != size) {
        SignedCheckpoint cosigned = cosignatures.cosigned(cp);
        out.onNext(
            FollowResponse.newBuilder().setCheckpoint(Responses.checkpoint(cosigned)).build());
        sentCheckpointSize = size;
        return Step.MORE;
      }
      return Step.IDLE;
    }

    /**
     * Entries from {@code next} while they fit in {@code pageBytes}, in one scan of the store (a
     * read per {@link #PAGE} entries made a new iterator ~280 times for a 2 MiB page): the node
     * holds one page and the scan's buffer.
     */
    private EntryPage page(long size) throws MalformedException {
      EntryPage.Builder page = EntryPage.newBuilder().setFirstIndex(next);
      long[] bytes = {PAGE_OVERHEAD};
      int count = (int) Math.min(Integer.MAX_VALUE, size - next);
      view.scanEntries(
          next,
          count,
          (index, entry, length) -> {
            bytes[0] += ENTRY_OVERHEAD + length;
            if (bytes[0] > pageBytes && page.getEntriesCount() > 0) {
              return false;
            }
            page.addEntries(ByteString.copyFrom(entry, 0, length));
            return true;
          });
      next += page.getEntriesCount();
      return page.build();
    }
  }
}
