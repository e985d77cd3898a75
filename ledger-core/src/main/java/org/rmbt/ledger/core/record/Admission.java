package org.rmbt.ledger.core.record;

import com.google.protobuf.Message;
import java.util.List;

/**
 * A record {@link RecordRules#admit} accepted at {@code index}: the decoded record, its type and
 * the subjects it concerns ({@code model:<id>}, {@code model:<id>@<version>}, {@code cert:<id>},
 * {@code participant:<id>}, {@code scheme:<id>}, {@code anchor:<chain id>}), in a fixed order, for
 * the sequencer's per-subject links. Pass it to {@link RecordRules#apply} on the same state.
 */
public record Admission(long index, RecordType type, Message record, List<String> subjects) {
  public Admission {
    subjects = List.copyOf(subjects);
  }

  /** The record as its message class, e.g. {@code a.record(CertificationDecision.class)}. */
  public <M extends Message> M record(Class<M> type) {
    return type.cast(record);
  }
}
