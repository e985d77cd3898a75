package org.rmbt.ledger.node.config;

import java.time.Duration;

/**
 * Transport and request limits of a node. Defaults are safe for a public endpoint: every one bounds
 * what a single client can make the node hold or do.
 *
 * @param maxInboundMessageBytes largest request message; an envelope payload is at most 1 MiB
 * @param maxInboundMetadataBytes largest request header block
 * @param maxConcurrentCallsPerConnection HTTP/2 streams one connection may have open
 * @param keepAliveTime idle time before the server pings a client
 * @param keepAliveTimeout how long the server waits for the ping's answer
 * @param permitKeepAliveTime most frequent client ping allowed; faster pingers are disconnected
 * @param permitKeepAliveWithoutCalls whether clients may ping with no call open
 * @param maxConnectionIdle idle connections are closed after this
 * @param handshakeTimeout a connection must finish TLS/HTTP2 setup within this
 * @param appendRatePerSecond appends (unary or streamed entries) per second per client
 * @param appendBurst appends a client may make at once before the rate applies
 * @param maxEntriesPerRequest most entries in one GetEntries range or proof bundle
 * @param appendStreamWindow appends one stream may have in flight before the node stops reading
 * @param followPoll how often a Follow stream that has caught up looks for growth
 * @param shutdownGrace how long a graceful shutdown waits for calls in flight
 */
public record ServerLimits(
    int maxInboundMessageBytes,
    int maxInboundMetadataBytes,
    int maxConcurrentCallsPerConnection,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    Duration permitKeepAliveTime,
    boolean permitKeepAliveWithoutCalls,
    Duration maxConnectionIdle,
    Duration handshakeTimeout,
    int appendRatePerSecond,
    int appendBurst,
    int maxEntriesPerRequest,
    int appendStreamWindow,
    Duration followPoll,
    Duration shutdownGrace) {

  public static final ServerLimits DEFAULTS =
      new ServerLimits(
          2 << 20,
          8 << 10,
          100,
          Duration.ofHours(2),
          Duration.ofSeconds(20),
          Duration.ofMinutes(5),
          false,
          Duration.ofMinutes(30),
          Duration.ofSeconds(10),
          200,
          400,
          1000,
          64,
          Duration.ofMillis(200),
          Duration.ofSeconds(30));

  public ServerLimits {
    if (maxInboundMessageBytes < 1024
        || maxInboundMetadataBytes < 1024
        || maxConcurrentCallsPerConnection < 1
        || appendRatePerSecond < 1
        || appendBurst < 1
        || maxEntriesPerRequest < 1
        || appendStreamWindow < 1) {
      throw new IllegalArgumentException("limits must be positive (message sizes >= 1024)");
    }
    for (Duration d :
        new Duration[] {
          keepAliveTime,
          keepAliveTimeout,
          permitKeepAliveTime,
          maxConnectionIdle,
          handshakeTimeout,
          followPoll,
          shutdownGrace
        }) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive, got " + d);
      }
    }
  }
}
