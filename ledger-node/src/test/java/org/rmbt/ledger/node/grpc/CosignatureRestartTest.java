package org.rmbt.ledger.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmbt.ledger.core.checkpoint.Checkpoint;
import org.rmbt.ledger.core.checkpoint.SignedCheckpoint;
import org.rmbt.ledger.proto.AddCosignatureRequest;
import org.rmbt.ledger.proto.GetCheckpointRequest;
import org.rmbt.ledger.proto.LedgerServiceGrpc.LedgerServiceBlockingStub;

/** Witness cosignatures are stored with the log: a restarted node serves them again. */
class CosignatureRestartTest {
  @TempDir Path dir;

  @Test
  void cosignatureSurvivesRestart() throws Exception {
    ByteString cosigned;
    String line;
    try (TestNode node = TestNode.start(dir)) {
      LedgerServiceBlockingStub stub = node.blocking();
      for (long i = 0; i < 3; i++) {
        stub.append(TestNode.append(i));
      }
      Checkpoint cp = TestNode.open(latest(stub)).checkpoint();
      line = TestNode.WITNESS.cosign(cp, 1_700_000_000L).line();
      cosigned =
          stub.addCosignature(
                  AddCosignatureRequest.newBuilder()
                      .setSize(cp.size())
                      .setSignatureLine(line)
                      .build())
              .getNote();
      assertThat(latest(stub)).isEqualTo(cosigned);
    }
    try (TestNode again = TestNode.start(dir)) {
      LedgerServiceBlockingStub stub = again.blocking();
      ByteString served =
          stub.getCheckpoint(GetCheckpointRequest.newBuilder().setSize(3).build()).getNote();
      assertThat(served).isEqualTo(cosigned);
      assertThat(served.toString(StandardCharsets.UTF_8)).contains(line);
      SignedCheckpoint.open(
          served.toByteArray(),
          TestNode.ORIGIN,
          TestNode.LOG_KEY.verifierKey(),
          List.of(TestNode.WITNESS.verifierKey()),
          1);
    }
  }

  private static ByteString latest(LedgerServiceBlockingStub stub) {
    return stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance()).getNote();
  }
}
