package org.rmbt.ledger.node.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.rmbt.ledger.proto.LedgerServiceGrpc;

/**
 * Per-client append rate: a token bucket per TLS client identity, or per remote IP address when the
 * client has no certificate. The interceptor attaches the caller's bucket to the call; the service
 * takes a token for each envelope ({@link #acquire}), so a streamed entry costs the same as a unary
 * append and an over-rate stream entry is refused on its own, not the whole stream.
 */
public final class AppendRateLimiter implements ServerInterceptor {
  private static final Context.Key<TokenBucket> BUCKET = Context.key("rmbt-append-bucket");

  /** Idle (full) buckets are dropped beyond this many clients, so memory stays bounded. */
  private static final int MAX_TRACKED_CLIENTS = 10_000;

  private static final Set<String> APPEND_METHODS =
      Set.of(
          LedgerServiceGrpc.getAppendMethod().getFullMethodName(),
          LedgerServiceGrpc.getAppendStreamMethod().getFullMethodName());

  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final int ratePerSecond;
  private final int burst;
  private final LongSupplier nanoTime;

  public AppendRateLimiter(int ratePerSecond, int burst, LongSupplier nanoTime) {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!APPEND_METHODS.contains(call.getMethodDescriptor().getFullMethodName())) {
      return next.startCall(call, headers);
    }
    TokenBucket bucket = bucketFor(clientId(call));
    return Contexts.interceptCall(Context.current().withValue(BUCKET, bucket), call, headers, next);
  }

  /**
   * Takes one append from the calling client's allowance.
   *
   * @throws RateLimitedException the client is over its rate
   */
  static void acquire() {
    TokenBucket b = BUCKET.get();
    if (b != null && !b.tryTake()) {
      throw new RateLimitedException("append rate limit exceeded; slow down and retry");
    }
  }

  private TokenBucket bucketFor(String client) {
    if (buckets.size() > MAX_TRACKED_CLIENTS) {
      buckets.values().removeIf(TokenBucket::isFull);
    }
    return buckets.computeIfAbsent(client, c -> new TokenBucket(ratePerSecond, burst, nanoTime));
  }

  /** The certificate subject when the client presented one, else its IP address (no port). */
  private static String clientId(ServerCall<?, ?> call) {
    SSLSession ssl = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (ssl != null) {
      try {
        return "cert:" + ssl.getPeerPrincipal().getName();
      } catch (SSLPeerUnverifiedException e) {
        // No client certificate: fall back to the address.
      }
    }
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return "ip:" + inet.getAddress().getHostAddress();
    }
    return "addr:" + remote;
  }
}
