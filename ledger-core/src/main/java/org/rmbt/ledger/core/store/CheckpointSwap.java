package org.rmbt.ledger.core.store;

/** The checks of {@link CheckpointStore#putCheckpoint}'s compare-and-swap, for implementations. */
public final class CheckpointSwap {
  private CheckpointSwap() {}

  /**
   * Refuses {@code next} unless the latest is still the expected one, {@code next} is larger, and
   * it covers only durable entries ({@code storedSize}).
   *
   * @throws CheckpointConflictException if the latest is not the expected one or next is not larger
   * @throws StoreException if next covers entries not stored
   */
  public static void check(long latestSize, long expectedLatestSize, long next, long storedSize) {
    if (expectedLatestSize != latestSize) {
      throw new CheckpointConflictException(
          "expected latest checkpoint size " + expectedLatestSize + ", store has " + latestSize);
    }
    if (next <= latestSize) {
      throw new CheckpointConflictException(
          "checkpoint size " + next + " is not larger than the latest, " + latestSize);
    }
    if (next > storedSize) {
      throw new StoreException(
          "checkpoint size " + next + " covers entries not stored (size " + storedSize + ")");
    }
  }
}
