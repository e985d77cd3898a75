package org.rmbt.ledger.core.record;

import org.rmbt.ledger.proto.CertificationDecision;

/** A certification decision and the log index of its entry. */
public record DecisionAtIndex(long index, CertificationDecision decision) {}
