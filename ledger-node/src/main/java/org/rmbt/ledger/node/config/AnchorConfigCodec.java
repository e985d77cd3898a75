package org.rmbt.ledger.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.node.anchor.AnchorPolicy;
import org.rmbt.ledger.node.anchor.Finality;

/**
 * The {@code anchor.*} keys of {@code node.conf}:
 *
 * <pre>
 * anchor.receipt_key_file = witness-gb.key       # required with any chain
 * anchor.every_entries = 1000                     # default 1000
 * anchor.every_seconds = 3600                     # default 3600
 * anchor.poll_millis = 1000                       # default 1000
 * anchor.chain.31337.rpc_url = http://127.0.0.1:8545
 * anchor.chain.31337.registry = 0x5FbDB2315678afecb367f032d93F642f64180aa3
 * anchor.chain.31337.key_file = chain-31337.hex
 * anchor.chain.31337.confirmations = 2            # or: anchor.chain.31337.finalized = true
 * </pre>
 *
 * Strict like the rest of the file: any other {@code anchor.} key is refused, errors name the key.
 */
final class AnchorConfigCodec {
  static final List<String> TOP =
      List.of(
          "anchor.receipt_key_file",
          "anchor.every_entries",
          "anchor.every_seconds",
          "anchor.poll_millis");
  static final List<String> PER_CHAIN =
      List.of("rpc_url", "registry", "key_file", "confirmations", "finalized");
  private static final Pattern CHAIN_KEY =
      Pattern.compile("anchor\\.chain\\.([1-9][0-9]{0,17})\\.([a-z_]+)");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  private AnchorConfigCodec() {}

  static boolean isKey(String key) {
    if (TOP.contains(key)) {
      return true;
    }
    Matcher m = CHAIN_KEY.matcher(key);
    return m.matches() && PER_CHAIN.contains(m.group(2));
  }

  /** Empty when no {@code anchor.} key is set. */
  static Optional<AnchorConfig> decode(Map<String, List<String>> raw, Path baseDir)
      throws MalformedException {
    Map<Long, String> chainIds = new TreeMap<>();
    boolean any = false;
    for (String key : raw.keySet()) {
      if (!key.startsWith("anchor.")) {
        continue;
      }
      any = true;
      Matcher m = CHAIN_KEY.matcher(key);
      if (m.matches() && isKey(key)) {
        chainIds.put(Long.parseLong(m.group(1)), m.group(1));
      } else if (!TOP.contains(key)) {
        throw new MalformedException(key, "unknown key");
      }
    }
    if (!any) {
      return Optional.empty();
    }
    if (chainIds.isEmpty()) {
      throw new MalformedException("anchor.chain", "anchor keys set but no anchor.chain.<id>");
    }
    List<AnchorConfig.Chain> chains = new ArrayList<>();
    for (Map.Entry<Long, String> id : chainIds.entrySet()) {
      chains.add(chain(raw, baseDir, id.getKey(), "anchor.chain." + id.getValue() + "."));
    }
    String keyFile = required(raw, "anchor.receipt_key_file");
    AnchorPolicy policy =
        new AnchorPolicy(
            number(raw, "anchor.every_entries", 1000),
            Duration.ofSeconds(number(raw, "anchor.every_seconds", 3600)));
    return Optional.of(
        new AnchorConfig(
            chains,
            policy,
            baseDir.resolve(keyFile).normalize(),
            Duration.ofMillis(number(raw, "anchor.poll_millis", 1000))));
  }

  private static AnchorConfig.Chain chain(
      Map<String, List<String>> raw, Path baseDir, long chainId, String prefix)
      throws MalformedException {
    String registry = required(raw, prefix + "registry");
    if (!ADDRESS.matcher(registry).matches()) {
      throw new MalformedException(prefix + "registry", "not a 0x-prefixed 20-byte address");
    }
    boolean finalized = bool(raw, prefix + "finalized");
    Optional<String> confirmations = one(raw, prefix + "confirmations");
    if (finalized && confirmations.isPresent()) {
      throw new MalformedException(prefix + "confirmations", "set either this or finalized");
    }
    Finality finality =
        finalized
            ? Finality.finalized()
            : Finality.confirmations((int) number(raw, prefix + "confirmations", 1, 1_000_000));
    return new AnchorConfig.Chain(
        chainId,
        required(raw, prefix + "rpc_url"),
        registry,
        baseDir.resolve(required(raw, prefix + "key_file")).normalize(),
        finality);
  }

  private static Optional<String> one(Map<String, List<String>> raw, String key) {
    List<String> vs = raw.getOrDefault(key, List.of());
    return vs.isEmpty() ? Optional.empty() : Optional.of(vs.get(0));
  }

  private static String required(Map<String, List<String>> raw, String key)
      throws MalformedException {
    return one(raw, key).orElseThrow(() -> new MalformedException(key, "required"));
  }

  private static long number(Map<String, List<String>> raw, String key, long dflt)
      throws MalformedException {
    return number(raw, key, dflt, Integer.MAX_VALUE);
  }

  /** A canonical decimal in [1, max]. */
  private static long number(Map<String, List<String>> raw, String key, long dflt, long max)
      throws MalformedException {
    Optional<String> s = one(raw, key);
    if (s.isEmpty()) {
      return dflt;
    }
    if (!s.get().matches("[1-9][0-9]{0,9}")) {
      throw new MalformedException(key, "not a canonical positive decimal: " + s.get());
    }
    long n = Long.parseLong(s.get());
    if (n > max) {
      throw new MalformedException(key, "must be in [1, " + max + "]");
    }
    return n;
  }

  private static boolean bool(Map<String, List<String>> raw, String key) throws MalformedException {
    Optional<String> s = one(raw, key);
    if (s.isEmpty() || s.get().equals("false")) {
      return false;
    }
    if (s.get().equals("true")) {
      return true;
    }
    throw new MalformedException(key, "must be true or false");
  }
}
