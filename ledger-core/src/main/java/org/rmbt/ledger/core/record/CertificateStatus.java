package org.rmbt.ledger.core.record;

/** A certificate's status as of a tree size and a time; computed, never stored. */
public enum CertificateStatus {
  ACTIVE,
  RESTRICTED,
  SUSPENDED,
  EXPIRED,
  WITHDRAWN
}
