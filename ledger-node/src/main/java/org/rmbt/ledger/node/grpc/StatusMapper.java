package org.rmbt.ledger.node.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import org.rmbt.ledger.core.ledger.BackpressureException;
import org.rmbt.ledger.core.ledger.LedgerFrozenException;
import org.rmbt.ledger.core.ledger.NoCheckpointYetException;
import org.rmbt.ledger.core.record.UnknownSignerException;

/**
 * The only place that turns exceptions into gRPC statuses (STYLE.md §5). Callers' failures get
 * their field and reason; anything unexpected gets a generic INTERNAL, with the details in the
 * node's log only, so storage paths and stack traces never reach a client.
 */
public final class StatusMapper {
  private static final System.Logger LOG = System.getLogger(StatusMapper.class.getName());

  private StatusMapper() {}

  public static Status toStatus(Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof MalformedException m) {
      return Status.INVALID_ARGUMENT.withDescription(m.field() + ": " + m.reason());
    }
    if (t instanceof UnknownSignerException || t instanceof UnknownWitnessException) {
      return Status.PERMISSION_DENIED.withDescription(t.getMessage());
    }
    if (t instanceof VerificationException) {
      return Status.INVALID_ARGUMENT.withDescription(t.getMessage());
    }
    if (t instanceof NotFoundException) {
      return Status.NOT_FOUND.withDescription(t.getMessage());
    }
    if (t instanceof BackpressureException || t instanceof RateLimitedException) {
      return Status.RESOURCE_EXHAUSTED.withDescription(t.getMessage());
    }
    if (t instanceof LedgerFrozenException) {
      // The message says frozen or closing; the storage fault behind it stays in the log.
      LOG.log(System.Logger.Level.WARNING, "append refused: " + t.getMessage(), t.getCause());
      return Status.FAILED_PRECONDITION.withDescription(t.getMessage());
    }
    if (t instanceof ReadOnlyNodeException) {
      return Status.FAILED_PRECONDITION.withDescription(t.getMessage());
    }
    if (t instanceof NoCheckpointYetException) {
      return Status.UNAVAILABLE.withDescription(t.getMessage());
    }
    if (t instanceof StatusRuntimeException s) {
      return s.getStatus();
    }
    LOG.log(System.Logger.Level.ERROR, "internal error serving a call", t);
    return Status.INTERNAL.withDescription("internal error");
  }

  public static StatusRuntimeException toException(Throwable thrown) {
    return toStatus(thrown).asRuntimeException();
  }

  /** Futures wrap what the sequencer failed with; the cause is what the client should hear. */
  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
