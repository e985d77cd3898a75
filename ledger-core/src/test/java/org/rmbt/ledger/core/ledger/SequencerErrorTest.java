package org.rmbt.ledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.store.FaultyLogStore;
import org.rmbt.ledger.core.store.rocksdb.RocksLogStore;
import org.rmbt.ledger.proto.Envelope;

/**
 * An Error (not a storage fault) on any sequencer thread: the thread dies, but no caller is left
 * waiting, the ledger refuses further appends, and close() still returns with no thread left.
 */
class SequencerErrorTest {
  /**
   * Where the Error strikes: staging runs on the sequencer thread, the store write on the writer,
   * committing the policy's state on the syncer.
   */
  enum Where {
    STAGING,
    WRITING,
    SYNCING
  }

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Where.class)
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a stranded caller or thread would hang
  void errorFailsTheBatchFreezesTheLedgerAndCloseReturns(Where where) throws Exception {
    Set<Thread> writersBefore = writers();
    EntryPolicy policy = new ErrorOnSecondEntry(new SignerKeyPolicy(TestLog.ring()), where);
    FaultyLogStore store = new FaultyLogStore(RocksLogStore.open(dir));
    Ledger ledger =
        Ledger.open(
            store, TestLog.signer(), policy, () -> TestLog.CLOCK_MILLIS, LedgerConfig.DEFAULT);
    AppendResult first = ledger.append(TestLog.envelope(0)).get();
    assertThat(first.index()).isZero();
    if (where == Where.WRITING) {
      store.errorOnNextWrite(new InjectedError());
    }

    CompletableFuture<AppendResult> second = ledger.append(TestLog.envelope(1));
    assertThat(catchThrowable(second::join)).hasRootCauseInstanceOf(InjectedError.class);

    Throwable later = catchThrowable(() -> ledger.append(TestLog.envelope(2)).join());
    assertThat(later).isNotNull();
    assertThat(List.of(later, later.getCause())).anyMatch(LedgerFrozenException.class::isInstance);
    ledger.close();
    assertThat(writers()).as("writer threads left running").isEqualTo(writersBefore);
  }

  private static Set<Thread> writers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> Set.of("rmbt-writer", "rmbt-syncer").contains(t.getName()) && t.isAlive())
        .collect(Collectors.toSet());
  }

  static final class InjectedError extends Error {
    private static final long serialVersionUID = 1L;

    InjectedError() {
      super("injected");
    }
  }

  /**
   * Throws {@link InjectedError} on entry 1: when admitting it (STAGING), or when committing its
   * batch's admissions (SYNCING).
   */
  private record ErrorOnSecondEntry(EntryPolicy delegate, Where where) implements EntryPolicy {
    @Override
    public void verifySignatures(Envelope env) throws MalformedException, VerificationException {
      delegate.verifySignatures(env);
    }

    @Override
    public Staging stage() {
      return new Striking(delegate.stage());
    }

    @Override
    public boolean replaysLog() {
      return false;
    }

    private final class Striking implements Staging {
      private final Staging inner;
      private boolean holdsEntryOne;

      Striking(Staging inner) {
        this.inner = inner;
      }

      @Override
      public List<String> admit(long index, Envelope env, long integratedAt)
          throws MalformedException, VerificationException {
        if (index == 1 && where == Where.STAGING) {
          throw new InjectedError();
        }
        holdsEntryOne |= index == 1 && where == Where.SYNCING;
        return inner.admit(index, env, integratedAt);
      }

      @Override
      public void applied(long index, Hash leafHash) {
        inner.applied(index, leafHash);
      }

      @Override
      public void commit() {
        if (holdsEntryOne) {
          throw new InjectedError();
        }
        inner.commit();
      }

      @Override
      public Staging next() {
        return new Striking(inner.next());
      }
    }
  }
}
