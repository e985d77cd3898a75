package org.rmbt.ledger.node.cli;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.proto.Entry;
import org.rmbt.ledger.proto.GetEntriesRequest;
import org.rmbt.ledger.proto.GetEntryByHashRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "get",
    description =
        "Fetch one entry by index or hash and print it decoded: leaf hash, previous leaf hash,"
            + " time, envelope payload type, signers, payload (base64; records also as JSON).")
final class GetCommand implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--index", description = "Entry index.")
    Long index;

    @Option(
        names = "--hash",
        description = "Leaf hash or SHA-256 of the envelope bytes, 64 lowercase hex digits.")
    String hash;
  }

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    try (NodeClient node = NodeClient.open(client)) {
      Entry e;
      if (which.index != null) {
        if (which.index < 0) {
          throw new MalformedException("--index", "must be >= 0");
        }
        Iterator<Entry> it =
            node.blocking()
                .getEntries(
                    GetEntriesRequest.newBuilder().setFrom(which.index).setCount(1).build());
        e = it.next();
      } else {
        ByteString h = ByteString.copyFrom(hex("--hash", which.hash));
        e = node.blocking().getEntryByHash(GetEntryByHashRequest.newBuilder().setHash(h).build());
      }
      EntryOutput.print(e, client.json);
    }
    return Rmbt.OK;
  }

  static byte[] hex(String field, String s) throws MalformedException {
    if (!s.matches("[0-9a-f]{64}")) {
      throw new MalformedException(field, "want 64 lowercase hex digits");
    }
    return HexFormat.of().parseHex(s);
  }
}
