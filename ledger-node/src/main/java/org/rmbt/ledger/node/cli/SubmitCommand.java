package org.rmbt.ledger.node.cli;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.checkpoint.Ed25519PrivateKey;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.record.Dsse;
import org.rmbt.ledger.core.record.RecordCodec;
import org.rmbt.ledger.core.record.RecordType;
import org.rmbt.ledger.proto.AppendRequest;
import org.rmbt.ledger.proto.AppendResponse;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "submit",
    description =
        "Sign files as DSSE envelopes and append them to a node's log; prints each entry's index,"
            + " leaf hash and the checkpoint that includes it. More than one file goes over one"
            + " AppendStream, with a progress display.")
final class SubmitCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", description = "Files to submit, one entry each.")
  List<Path> files;

  @Option(
      names = "--key",
      required = true,
      description = "Signer key file (NAME.key from `rmbt keygen`); the node must accept its key.")
  Path key;

  @ArgGroup(multiplicity = "1")
  Kind kind;

  static final class Kind {
    @Option(
        names = "--type",
        description = "Payload type of the envelope; the file's bytes are the payload as given.")
    String payloadType;

    @Option(
        names = "--record",
        description =
            "Record type (e.g. model-version, audit-record): the file is the record's protobuf"
                + " JSON, converted and signed as application/vnd.rmbt.<type>+protobuf.")
    String record;
  }

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    Ed25519PrivateKey signer = KeyFiles.signerKey("@" + key).privateKey();
    List<AppendRequest> requests = new ArrayList<>();
    for (Path f : files) {
      byte[] envelope = seal(Files.readAllBytes(f), signer, f);
      requests.add(AppendRequest.newBuilder().setEnvelope(ByteString.copyFrom(envelope)).build());
    }
    try (NodeClient node = NodeClient.open(client)) {
      if (requests.size() == 1) {
        print(files.get(0), node.blocking().append(requests.get(0)), true);
        return Rmbt.OK;
      }
      return new BulkSubmit(this, node).run(requests);
    }
  }

  private byte[] seal(byte[] bytes, Ed25519PrivateKey signer, Path file) throws MalformedException {
    if (kind.payloadType != null) {
      return Dsse.seal(kind.payloadType, bytes, signer).toByteArray();
    }
    String json = new String(bytes, StandardCharsets.UTF_8);
    Message record;
    try {
      record = RecordCodec.fromJson(recordType(kind.record).messageClass(), json);
    } catch (MalformedException e) {
      throw new MalformedException(file.toString(), e.getMessage(), e);
    }
    return RecordCodec.seal(record, signer).toByteArray();
  }

  /** {@code model-version} or {@code MODEL_VERSION}. */
  static RecordType recordType(String name) throws MalformedException {
    String kebab = name.toLowerCase(Locale.ROOT).replace('_', '-');
    return RecordType.ofPayloadType("--record", "application/vnd.rmbt." + kebab + "+protobuf");
  }

  /** One appended entry: a line (and, if asked, the checkpoint note) or one JSON object. */
  void print(Path file, AppendResponse r, boolean withNote) {
    String leaf = HexFormat.of().formatHex(r.getLeafHash().toByteArray());
    String note = r.getCheckpoint().toString(StandardCharsets.UTF_8);
    if (client.json) {
      Report.print(
          Report.object()
              .put("file", file.toString())
              .put("index", r.getIndex())
              .put("leafHash", leaf)
              .put("duplicate", r.getDuplicate())
              .put("checkpoint", note));
      return;
    }
    System.out.println(
        file
            + ": index "
            + r.getIndex()
            + " leaf "
            + leaf
            + (r.getDuplicate() ? " (already logged)" : ""));
    if (withNote) {
      System.out.print(note);
    }
  }
}
