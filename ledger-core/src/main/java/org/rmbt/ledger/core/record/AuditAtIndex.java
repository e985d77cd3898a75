package org.rmbt.ledger.core.record;

import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.proto.AuditRecord;

/** An audit record and the entry that holds it, so decisions can cite it by index and leaf hash. */
public record AuditAtIndex(long index, Hash leafHash, AuditRecord audit) {}
