package org.rmbt.ledger.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.rmbt.ledger.core.checkpoint.NoteSignatureException;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.ledger.BackpressureException;
import org.rmbt.ledger.core.ledger.LedgerFrozenException;
import org.rmbt.ledger.core.record.EnvelopeSignatureException;
import org.rmbt.ledger.core.record.UnknownSignerException;
import org.rmbt.ledger.core.store.StoreException;

class StatusMapperTest {
  @Test
  void callerFailuresKeepFieldAndReason() {
    Status s = StatusMapper.toStatus(new MalformedException("envelope.payload_type", "too long"));
    assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(s.getDescription()).isEqualTo("envelope.payload_type: too long");
    assertThat(code(new EnvelopeSignatureException("envelope.signatures[0]", "ab")))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(code(new NoteSignatureException("w", 1))).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void eachFailureGetsItsCode() {
    assertThat(code(new UnknownSignerException("envelope.signatures[0]", "ab")))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(new UnknownWitnessException("signature_line", "w+01")))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(new NotFoundException("hash", "none"))).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(code(new BackpressureException("full"))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(code(new RateLimitedException("slow"))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(code(new LedgerFrozenException("frozen", new StoreException("disk"))))
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void futuresAreUnwrapped() {
    assertThat(code(new CompletionException(new BackpressureException("full"))))
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void unexpectedFailuresAreInternalWithoutDetails() {
    Status s = StatusMapper.toStatus(new StoreException("read failed: /var/lib/secret/path"));
    assertThat(s.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(s.getDescription()).isEqualTo("internal error");
    assertThat(s.getCause()).isNull();
  }

  private static Status.Code code(Throwable t) {
    return StatusMapper.toStatus(t).getCode();
  }
}
