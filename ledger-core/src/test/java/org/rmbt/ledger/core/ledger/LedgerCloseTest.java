package org.rmbt.ledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.store.InMemoryLogStore;

/** Closing while callers append: every append either throws or gets its future answered. */
class LedgerCloseTest {
  private static final int CYCLES = 200;
  private static final int APPENDERS = 3;

  @Test
  void everyAcceptedAppendIsAnsweredAcrossClose() throws Exception {
    List<byte[]> envelopes = new ArrayList<>();
    for (int n = 0; n < 64; n++) {
      envelopes.add(TestLog.envelope(n));
    }
    long unanswered = 0;
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      unanswered += unansweredAfterClose(envelopes);
    }
    assertThat(unanswered).as("appends accepted but never answered").isZero();
  }

  /** Appenders hammer a ledger while it closes; returns how many accepted appends hang. */
  private static long unansweredAfterClose(List<byte[]> envelopes) throws Exception {
    Ledger ledger = TestLog.open(new InMemoryLogStore(), LedgerConfig.DEFAULT);
    ConcurrentLinkedQueue<CompletableFuture<AppendResult>> accepted = new ConcurrentLinkedQueue<>();
    CountDownLatch started = new CountDownLatch(APPENDERS);
    AtomicLong next = new AtomicLong();
    Thread[] threads = new Thread[APPENDERS];
    for (int t = 0; t < APPENDERS; t++) {
      threads[t] =
          new Thread(
              () -> {
                started.countDown();
                try {
                  while (true) {
                    int i = (int) (next.getAndIncrement() % envelopes.size());
                    accepted.add(ledger.append(envelopes.get(i)));
                  }
                } catch (LedgerFrozenException closed) {
                  // expected once close() has begun
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      threads[t].start();
    }
    started.await();
    ledger.close();
    for (Thread t : threads) {
      t.join();
    }
    // close() has joined the sequencer thread: nobody can answer a future after this.
    return accepted.stream().filter(f -> !f.isDone()).count();
  }
}
