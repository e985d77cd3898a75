package org.rmbt.ledger.core.ledger;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.rmbt.ledger.core.store.rocksdb.TestStores;

/**
 * The child JVM of {@link CrashRecoveryTest}: opens the log in {@code args[0]} and appends until it
 * is killed, from several threads with several appends in flight each, so batches form. Only after
 * an append is answered does it record {@code "index leafHashHex\n"} in the side file {@code
 * args[1]} and force it to disk: every line there is a promise the log must keep. Envelopes are
 * numbered from {@code args[2]}, so each run submits new ones. Prints {@code "ready <size>"} once
 * the ledger is open.
 */
public final class CrashAppender {
  private static final int THREADS = 4;
  private static final int IN_FLIGHT = 8;

  private final Ledger ledger;
  private final FileChannel acks;
  private final AtomicLong next;

  private CrashAppender(Ledger ledger, FileChannel acks, long first) {
    this.ledger = ledger;
    this.acks = acks;
    this.next = new AtomicLong(first);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long first = Long.parseLong(args[2]);
    try (FileChannel acks = FileChannel.open(Path.of(args[1]), CREATE, WRITE, APPEND);
        Ledger ledger =
            TestLog.open(
                TestStores.ingestingEvery(dir, CrashRecoveryTest.INGEST_EVERY),
                LedgerConfig.DEFAULT)) {
      CrashAppender appender = new CrashAppender(ledger, acks, first);
      System.out.println("ready " + ledger.view().latestCheckpoint().checkpoint().size());
      System.out.flush();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread thread = new Thread(appender::appendForever, "appender-" + t);
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
    // Only a failure ends the threads; the test expects to kill this JVM, not to see it exit.
    System.exit(1);
  }

  private void appendForever() {
    try {
      while (true) {
        List<CompletableFuture<AppendResult>> futures = new ArrayList<>(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
          futures.add(ledger.append(TestLog.envelope(next.getAndIncrement())));
        }
        StringBuilder lines = new StringBuilder();
        for (CompletableFuture<AppendResult> f : futures) {
          AppendResult r = f.join();
          lines.append(r.index()).append(' ').append(r.leafHash().hex()).append('\n');
        }
        record(lines.toString());
      }
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** Appends acknowledged lines and forces them to disk; a kill mid-write leaves a partial line. */
  private void record(String lines) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(lines.getBytes(US_ASCII));
    synchronized (acks) {
      while (buf.hasRemaining()) {
        acks.write(buf);
      }
      acks.force(false);
    }
  }
}
