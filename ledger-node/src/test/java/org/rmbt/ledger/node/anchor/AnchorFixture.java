package org.rmbt.ledger.node.anchor;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.core.checkpoint.SignerKey;
import org.rmbt.ledger.core.hash.Hash;
import org.web3j.protocol.http.HttpService;

/** Pieces the service tests share: a log key, checkpoints, a sink, a clock, a flaky transport. */
final class AnchorFixture {
  static final SignerKey LOG_KEY =
      SignerKey.of("example.org/log", Ed25519PrivateKey.fromSeed(new byte[32]));
  static final Hash LOG_ID = AnchorService.logId(LOG_KEY.privateKey().publicKey());

  private AnchorFixture() {}

  static SignedCheckpoint checkpoint(long size, int rootFill) {
    return SignedCheckpoint.sign(
        new Checkpoint("example.org/log", size, new Hash(Registries.bytes32(rootFill))), LOG_KEY);
  }

  /** The log's side: receipts it holds, per chain. */
  static final class RecordingSink implements AnchorSink {
    final List<AnchorResult> results = new ArrayList<>();
    final Map<Long, Long> receipted = new HashMap<>();

    @Override
    public OptionalLong receiptedSize(long chainId, String registry) {
      Long s = receipted.get(chainId);
      return s == null ? OptionalLong.empty() : OptionalLong.of(s);
    }

    @Override
    public long receiptsBetween(long from, long to) {
      return 0;
    }

    @Override
    public void accept(AnchorResult r) {
      results.add(r);
      receipted.merge(r.chainId(), r.treeSize(), Math::max);
    }
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** An RPC endpoint that can be switched off: every call then fails as a refused connection. */
  static final class FlakyHttp extends HttpService {
    volatile boolean down;

    FlakyHttp(String url) {
      super(url);
    }

    @Override
    protected InputStream performIO(String request) throws IOException {
      if (down) {
        throw new ConnectException("RPC endpoint down (test)");
      }
      return super.performIO(request);
    }
  }

  static Optional<SignedCheckpoint> some(SignedCheckpoint c) {
    return Optional.of(c);
  }
}
