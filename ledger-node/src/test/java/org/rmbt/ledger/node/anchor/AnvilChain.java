package org.rmbt.ledger.node.anchor;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * A real local chain for tests: anvil from contracts/node_modules (the pinned npm package), on a
 * free loopback port. A missing anvil is a failure, not a skip: anchoring is untested otherwise.
 */
final class AnvilChain implements AutoCloseable {
  /** Anvil's well-known test accounts (mnemonic "test test ... junk"); funded on every chain. */
  static final Credentials OWNER =
      Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  static final Credentials SUBMITTER =
      Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  static final Credentials OUTSIDER =
      Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a5d7912f43b2");

  private final Process process;
  private final long chainId;
  private final String rpcUrl;
  private final HttpService http;
  private final Web3j web3j;

  private AnvilChain(Process process, long chainId, String rpcUrl) {
    this.process = process;
    this.chainId = chainId;
    this.rpcUrl = rpcUrl;
    this.http = new HttpService(rpcUrl);
    this.web3j = Web3j.build(http);
  }

  static AnvilChain start(long chainId, String... extraArgs) throws IOException {
    int port = freePort();
    List<String> cmd =
        Stream.concat(
                Stream.of(
                    anvil().toString(),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--chain-id",
                    Long.toString(chainId),
                    "--silent"),
                Stream.of(extraArgs))
            .toList();
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    AnvilChain chain = new AnvilChain(p, chainId, "http://127.0.0.1:" + port);
    chain.awaitReady(Duration.ofSeconds(30));
    return chain;
  }

  /** The platform package's binary, not the node shim: killing it then stops the chain. */
  static Path anvil() throws IOException {
    Path modules = contractsDir().resolve("node_modules/@foundry-rs");
    if (Files.isDirectory(modules)) {
      try (Stream<Path> s = Files.list(modules)) {
        var found =
            s.filter(d -> d.getFileName().toString().startsWith("anvil-"))
                .map(d -> d.resolve("bin/anvil"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    throw new IllegalStateException(
        "anvil is not installed under " + modules + ": run `npm ci` in contracts/ (.ci/run does)");
  }

  static Path contractsDir() {
    return Path.of(System.getProperty("rmbt.contracts", "../contracts")).toAbsolutePath();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("anvil exited with " + process.exitValue());
      }
      try {
        if (web3j.ethChainId().send().getChainId().longValueExact() == chainId) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(50);
    }
    close();
    throw new IllegalStateException("anvil did not answer on " + rpcUrl + " within " + timeout);
  }

  long chainId() {
    return chainId;
  }

  String rpcUrl() {
    return rpcUrl;
  }

  Web3j web3j() {
    return web3j;
  }

  long blockNumber() throws IOException {
    return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
  }

  /** Mines {@code blocks} empty blocks (anvil_mine). */
  void mine(long blocks) throws IOException {
    rpc("anvil_mine", List.of("0x" + Long.toHexString(blocks)));
  }

  /** Drops the last {@code depth} blocks and mines as many new ones (anvil_reorg). */
  void reorg(int depth) throws IOException {
    rpc("anvil_reorg", List.of(depth, List.of()));
  }

  /** Turns automatic mining off (transactions wait in the pool) or back on. */
  void automine(boolean on) throws IOException {
    rpc("evm_setAutomine", List.of(on));
  }

  Object rpc(String method, List<?> params) throws IOException {
    Response<?> r = new Request<>(method, params, http, RawResponse.class).send();
    if (r.hasError()) {
      throw new IOException(method + ": " + r.getError().getMessage());
    }
    return r.getResult();
  }

  /** A JSON-RPC response whose result we take as Jackson read it. */
  static final class RawResponse extends Response<Object> {}

  static BigInteger gwei(long n) {
    return BigInteger.valueOf(n).multiply(BigInteger.TEN.pow(9));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
