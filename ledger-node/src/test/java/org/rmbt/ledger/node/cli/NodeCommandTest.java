package org.rmbt.ledger.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors of {@code rmbt node}; serving itself is covered by the node.grpc tests. */
class NodeCommandTest {
  @TempDir Path dir;

  @Test
  void missingDataDirIsBadInput() {
    assertThat(Rmbt.run("node", "--log-key", dir.resolve("k").toString()))
        .isEqualTo(Rmbt.BAD_INPUT);
  }

  @Test
  void unknownConfigKeyIsBadInput() throws Exception {
    Path conf = Files.writeString(dir.resolve("node.conf"), "data_dir = x\nbogus = 1\n");
    assertThat(Rmbt.run("node", "--config", conf.toString())).isEqualTo(Rmbt.BAD_INPUT);
  }

  @Test
  void badPortFlagIsBadInput() throws Exception {
    Path conf = Files.writeString(dir.resolve("node.conf"), "data_dir = x\nlog_key_file = k\n");
    assertThat(Rmbt.run("node", "--config", conf.toString(), "--port", "+80"))
        .isEqualTo(Rmbt.BAD_INPUT);
  }
}
