package org.rmbt.ledger.node.replica;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.rmbt.ledger.core.ledger.CheckedEntry;

/** What a {@link FollowStream} hands the follower, in the order the primary sent it. */
sealed interface Fetched {
  /** The next {@code count} entries, being checked (decode, signatures, hashes) on the pool. */
  record Entries(int count, CompletableFuture<List<CheckedEntry>> checked) implements Fetched {}

  /** A checkpoint note, sent after the entries it covers. */
  record Checkpoint(byte[] note) implements Fetched {}

  /** The stream ended: completed if {@code error} is empty. */
  record End(Optional<Exception> error) implements Fetched {}
}
