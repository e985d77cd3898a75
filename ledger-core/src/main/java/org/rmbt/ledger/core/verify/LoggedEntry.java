package org.rmbt.ledger.core.verify;

import java.util.ArrayList;
import java.util.List;
import org.rmbt.ledger.core.hash.Hash;
import org.rmbt.ledger.core.hash.Hashing;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.record.EntryCodec;
import org.rmbt.ledger.proto.LedgerEntry;

/** One entry of a bundle, strictly decoded, with its leaf hash: what provenance checks read. */
record LoggedEntry(long index, Hash leaf, LedgerEntry entry) {
  static List<LoggedEntry> decodeAll(List<ProofBundle.Entry> entries)
      throws LogVerificationException {
    List<LoggedEntry> out = new ArrayList<>(entries.size());
    for (ProofBundle.Entry e : entries) {
      byte[] bytes = e.entry();
      try {
        out.add(new LoggedEntry(e.index(), Hashing.leaf(bytes), EntryCodec.decodeEntry(bytes)));
      } catch (MalformedException ex) {
        // BundleVerifier decoded it already; reaching here means it was not run first.
        throw new LogVerificationException("entry " + e.index() + ": " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  String where() {
    return "entry " + index;
  }
}
