package org.rmbt.ledger.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.node.cli.RmbtRun.Result;

/** The client commands against a real node on a loopback port, output captured. */
class ClientCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TYPE = "application/vnd.rmbt.cli-test+json";

  @TempDir static Path dir;
  static CliNode node;

  @BeforeAll
  static void start() throws Exception {
    node = CliNode.start(dir);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonNode json(String line) throws Exception {
    return JSON.readTree(line);
  }

  JsonNode submit(String name, String text) throws Exception {
    Path f = node.file(name, text);
    Result r =
        node.client("submit", f.toString(), "--key", key("submitter"), "--type", TYPE, "--json");
    assertThat(r.code()).as(r.err()).isZero();
    return json(r.out().strip());
  }

  static String key(String name) {
    return node.keys.resolve(name + ".key").toString();
  }

  @Test
  void submitThenGetByIndexAndHash() throws Exception {
    JsonNode s = submit("one.json", "{\"n\":\"get\"}");
    long index = s.get("index").asLong();
    assertThat(s.get("checkpoint").asText()).startsWith(CliNode.ORIGIN + "\n");
    Result byIndex = node.client("get", "--index", Long.toString(index), "--json");
    assertThat(byIndex.code()).isZero();
    JsonNode e = json(byIndex.out());
    assertThat(e.get("payloadType").asText()).isEqualTo(TYPE);
    assertThat(Base64.getDecoder().decode(e.get("payload").asText()))
        .isEqualTo("{\"n\":\"get\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(e.get("leafHash").asText()).isEqualTo(s.get("leafHash").asText());
    Result byHash = node.client("get", "--hash", s.get("leafHash").asText());
    assertThat(byHash.code()).isZero();
    assertThat(byHash.out()).contains("payloadType   " + TYPE).contains("index         " + index);
  }

  @Test
  void humanSubmitPrintsIndexLeafAndCheckpoint() throws Exception {
    Path f = node.file("human.json", "{\"n\":\"human\"}");
    Result r = node.client("submit", f.toString(), "--key", key("submitter"), "--type", TYPE);
    assertThat(r.code()).isZero();
    assertThat(r.lines().get(0)).matches(".*human.json: index \\d+ leaf [0-9a-f]{64}");
    assertThat(r.lines().get(1)).isEqualTo(CliNode.ORIGIN);
    Result again = node.client("submit", f.toString(), "--key", key("submitter"), "--type", TYPE);
    assertThat(again.lines().get(0)).endsWith("(already logged)");
  }

  @Test
  void recordJsonIsConvertedAndSealed() throws Exception {
    Path f = node.file("genesis.json", "{\"origin\":\"cli.rmbt.example/log\",\"quorum\":1}");
    Result r =
        node.client(
            "submit", f.toString(), "--key", key("submitter"), "--record", "genesis", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    String index = json(r.out()).get("index").asText();
    JsonNode e = json(node.client("get", "--index", index, "--json").out());
    assertThat(e.get("payloadType").asText()).isEqualTo("application/vnd.rmbt.genesis+protobuf");
    assertThat(e.get("record").get("origin").asText()).isEqualTo("cli.rmbt.example/log");
    Path bad = node.file("bad-genesis.json", "{\"origin\":\"x\",\"nonsense\":1}");
    Result refused =
        node.client("submit", bad.toString(), "--key", key("submitter"), "--record", "genesis");
    assertThat(refused.code()).isEqualTo(Rmbt.BAD_INPUT);
    Result unknownType =
        node.client("submit", f.toString(), "--key", key("submitter"), "--record", "no-such");
    assertThat(unknownType.code()).isEqualTo(Rmbt.BAD_INPUT);
  }

  @Test
  void bulkSubmitThenFollow() throws Exception {
    List<String> args =
        new ArrayList<>(List.of("submit", "--key", key("submitter"), "--type", TYPE, "--json"));
    for (int i = 0; i < 25; i++) {
      args.add(node.file("bulk-" + i + ".json", "{\"bulk\":" + i + "}").toString());
    }
    Result r = node.client(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(25);
    long last = json(r.lines().get(24)).get("index").asLong();
    Result f = node.client("follow", "--until", Long.toString(last + 1), "--json");
    assertThat(f.code()).as(f.err()).isZero();
    List<JsonNode> items = new ArrayList<>();
    for (String line : f.lines()) {
      items.add(json(line));
    }
    assertThat(items.stream().filter(n -> n.get("type").asText().equals("entry")).count())
        .isGreaterThanOrEqualTo(last + 1);
    JsonNode end = items.get(items.size() - 1);
    assertThat(end.get("type").asText()).isEqualTo("checkpoint");
    assertThat(end.get("size").asLong()).isGreaterThanOrEqualTo(last + 1);
  }

  @Test
  void proofsCheckpointsAndBundleVerify() throws Exception {
    submit("p1.json", "{\"p\":1}");
    long index = submit("p2.json", "{\"p\":2}").get("index").asLong();
    long size = index + 1;
    JsonNode cp = json(node.client("checkpoint", "--json").out());
    assertThat(cp.get("note").asText()).startsWith(CliNode.ORIGIN + "\n");
    Result note = node.client("checkpoint", "--size", Long.toString(size));
    assertThat(note.code()).isZero();
    assertThat(note.lines().get(1)).isEqualTo(Long.toString(size));
    JsonNode inc =
        json(node.client("proof", "--index", "0", "--size", Long.toString(size), "--json").out());
    assertThat(inc.get("size").asLong()).isEqualTo(size);
    assertThat(inc.get("hashes")).isNotEmpty();
    Result cons = node.client("proof", "--consistency", "1", Long.toString(size));
    assertThat(cons.code()).isZero();
    assertThat(cons.lines().get(0)).startsWith("consistency proof from size 1 to " + size);
    Path out = dir.resolve("bundle.json");
    Result b =
        node.client(
            "bundle",
            "--index",
            "0",
            Long.toString(index),
            "--earlier",
            "1",
            "--out",
            out.toString());
    assertThat(b.code()).as(b.err()).isZero();
    Result v = RmbtRun.run("verify", out.toString(), "--log-key", node.logKey());
    assertThat(v.code()).as(v.err()).isZero();
    assertThat(v.out()).contains("2 entries included, 1 consistency proofs");
  }

  @Test
  void errorsExitWithTheirCodes() throws Exception {
    submit("e.json", "{\"e\":1}");
    assertThat(node.client("get", "--index", "999999").code()).isEqualTo(Rmbt.BAD_INPUT);
    assertThat(node.client("get", "--hash", "00".repeat(32)).code()).isEqualTo(Rmbt.BAD_INPUT);
    assertThat(node.client("get", "--hash", "xyz").code()).isEqualTo(Rmbt.BAD_INPUT);
    assertThat(node.client("get").code()).isEqualTo(Rmbt.BAD_INPUT);
    assertThat(node.client("get", "--index", "1", "--hash", "00").code()).isEqualTo(Rmbt.BAD_INPUT);
    Result notFound = node.client("checkpoint", "--size", "999999", "--json");
    assertThat(notFound.code()).isEqualTo(Rmbt.BAD_INPUT);
    assertThat(json(notFound.out()).get("result").asText()).isEqualTo("not_found");
    assertThat(node.client("proof", "--consistency", "3", "1").code()).isEqualTo(Rmbt.BAD_INPUT);
    Path f = node.file("stranger.json", "{}");
    Result denied = node.client("submit", f.toString(), "--key", key("stranger"), "--type", TYPE);
    assertThat(denied.code()).isEqualTo(Rmbt.BAD_INPUT);
    assertThat(denied.err()).contains("permission_denied");
    assertThat(node.client("submit", f.toString(), "--key", key("submitter")).code())
        .isEqualTo(Rmbt.BAD_INPUT);
    assertThat(
            node.client("submit", "/no/such/file", "--key", key("submitter"), "--type", TYPE)
                .code())
        .isEqualTo(Rmbt.BAD_INPUT);
    assertThat(RmbtRun.run("checkpoint", "--node", "not-an-address").code())
        .isEqualTo(Rmbt.BAD_INPUT);
    Result down = RmbtRun.run("checkpoint", "--node", "127.0.0.1:1", "--deadline-seconds", "5");
    assertThat(down.code()).isEqualTo(Rmbt.FAULT);
    assertThat(down.err()).contains("unavailable");
  }
}
