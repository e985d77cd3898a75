package org.rmbt.ledger.node.grpc;

import java.util.function.LongSupplier;

/** A token bucket: {@code burst} tokens at most, refilled at {@code ratePerSecond}. */
final class TokenBucket {
  private final double ratePerNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  TokenBucket(int ratePerSecond, int burst, LongSupplier nanoTime) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.tokens = burst;
    this.last = nanoTime.getAsLong();
  }

  synchronized boolean tryTake() {
    refill();
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  synchronized boolean isFull() {
    refill();
    return tokens >= burst;
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
    last = now;
  }
}
