package org.rmbt.ledger.node.anchor;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.rmbt.ledger.core.checkpoint.Ed25519PublicKey;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.hash.Hash;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.http.HttpService;

/**
 * Anchors the log's latest signed checkpoint on every configured chain (DESIGN.md, "Chain
 * anchoring") and hands each final anchor to an {@link AnchorSink}. Chains fail independently: an
 * unreachable endpoint backs off exponentially, a frozen log id raises the alarm and stops that
 * chain, and the others go on.
 */
public final class AnchorService implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AnchorService.class.getName());
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final Supplier<Optional<SignedCheckpoint>> latest;
  private final AnchorPolicy policy;
  private final AnchorSink sink;
  private final Clock clock;
  private final Duration backoff;
  private final List<ChainState> chains = new ArrayList<>();
  private ScheduledExecutorService scheduler;
  private Consumer<List<ChainStatus>> onRound = statuses -> {};

  private static final class ChainState {
    final ChainAnchorer anchorer;
    int failures;
    long failuresTotal;
    Instant notBefore = Instant.MIN;
    boolean frozen;
    Optional<String> lastError = Optional.empty();

    ChainState(ChainAnchorer anchorer) {
      this.anchorer = anchorer;
    }
  }

  /**
   * @param logId SHA-256 of the log's public key ({@link #logId}), as registered on each chain
   * @param latest the newest signed checkpoint, however the node keeps it
   * @param backoff the first retry delay after an RPC failure; it doubles up to 5 minutes
   */
  public AnchorService(
      Hash logId,
      Supplier<Optional<SignedCheckpoint>> latest,
      AnchorPolicy policy,
      List<ChainTarget> targets,
      AnchorSink sink,
      Clock clock,
      Duration backoff) {
    this(logId, latest, policy, targets, sink, clock, backoff, t -> new HttpService(t.rpcUrl()));
  }

  /** As above, with the RPC transport chosen per chain (tests inject faults here). */
  AnchorService(
      Hash logId,
      Supplier<Optional<SignedCheckpoint>> latest,
      AnchorPolicy policy,
      List<ChainTarget> targets,
      AnchorSink sink,
      Clock clock,
      Duration backoff,
      Function<ChainTarget, Web3jService> transport) {
    this.latest = latest;
    this.policy = policy;
    this.sink = sink;
    this.clock = clock;
    this.backoff = backoff;
    for (ChainTarget t : targets) {
      chains.add(
          new ChainState(new ChainAnchorer(new RegistryClient(t, transport.apply(t)), logId)));
    }
  }

  /** The registry's log id: SHA-256 of the log's Ed25519 public key (DESIGN.md). */
  public static Hash logId(Ed25519PublicKey logKey) {
    return ChainAnchorer.sha256(logKey.bytes());
  }

  /** One round over all chains; the scheduler calls this, tests call it directly. */
  public synchronized void runOnce() {
    Optional<SignedCheckpoint> cp = latest.get();
    Instant now = clock.instant();
    for (ChainState c : chains) {
      if (!c.frozen && !now.isBefore(c.notBefore)) {
        runChain(c, cp, now);
      }
    }
    onRound.accept(health());
  }

  /**
   * Called with every chain's status after each round, on the service's thread (health and metrics
   * follow it). Set it before {@link #start}; it must not block.
   */
  public synchronized void onRound(Consumer<List<ChainStatus>> listener) {
    this.onRound = listener;
  }

  private void runChain(ChainState c, Optional<SignedCheckpoint> cp, Instant now) {
    ChainTarget t = c.anchorer.target();
    try {
      Optional<AnchorResult> done = c.anchorer.step(cp, policy, sink, now);
      c.failures = 0;
      c.lastError = Optional.empty();
      done.ifPresent(sink::accept);
    } catch (LogFrozenException e) {
      c.frozen = true;
      c.lastError = Optional.of(e.getMessage());
      LOG.log(System.Logger.Level.ERROR, "ALARM anchoring stopped: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      // RPC down, a node answering garbage, or the sink failing: the state to resume from is on
      // the chain and in the log, so retrying later is safe.
      c.failures++;
      c.failuresTotal++;
      c.lastError = Optional.of(String.valueOf(e.getMessage()));
      c.notBefore = now.plus(delay(c.failures));
      LOG.log(
          System.Logger.Level.WARNING,
          "anchoring on chain " + t.chainId() + " failed " + c.failures + "x: " + e.getMessage());
    }
  }

  Duration delay(int failures) {
    Duration d = backoff.multipliedBy(1L << Math.min(failures - 1, 20));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  public synchronized List<ChainStatus> health() {
    return chains.stream()
        .map(
            c ->
                new ChainStatus(
                    c.anchorer.target().chainId(),
                    c.frozen,
                    c.failures,
                    c.lastError,
                    c.anchorer.anchoredSize(),
                    c.anchorer.sent(),
                    c.failuresTotal))
        .toList();
  }

  /** Whether every chain can still take anchors (a frozen log id is never healthy again). */
  public synchronized boolean healthy() {
    return chains.stream().noneMatch(c -> c.frozen);
  }

  public synchronized void start(Duration tick) {
    if (scheduler != null) {
      throw new IllegalStateException("already started");
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread th = new Thread(r, "anchor-service");
              th.setDaemon(true);
              return th;
            });
    scheduler.scheduleWithFixedDelay(this::runOnce, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
    }
    chains.forEach(c -> c.anchorer.shutdown());
  }
}
