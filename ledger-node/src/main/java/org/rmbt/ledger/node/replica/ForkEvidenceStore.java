package org.rmbt.ledger.node.replica;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.rmbt.ledger.core.hash.MalformedException;

/**
 * Fork evidence on disk: one file, {@code <data_dir>.fork-evidence.json}, beside the replica's
 * RocksDB directory. Its presence freezes the replica (no following, no cosigning) across restarts
 * until an operator deletes it with {@link #clear} ({@code rmbt fork-evidence --clear}).
 *
 * <p>A file rather than a store column family: the evidence must outlive the store it accuses (an
 * operator may wipe and resync the log) and be copied off the machine as it is.
 */
public final class ForkEvidenceStore {
  private final Path file;

  private ForkEvidenceStore(Path file) {
    this.file = file;
  }

  /** The evidence file of the replica whose RocksDB directory is {@code dataDir}. */
  public static ForkEvidenceStore forDataDir(Path dataDir) {
    Path abs = dataDir.toAbsolutePath().normalize();
    return new ForkEvidenceStore(abs.resolveSibling(abs.getFileName() + ".fork-evidence.json"));
  }

  public Path file() {
    return file;
  }

  public Optional<String> read() throws IOException {
    return Files.exists(file)
        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  public Optional<ForkEvidence> load() throws IOException, MalformedException {
    Optional<String> text = read();
    return text.isEmpty() ? Optional.empty() : Optional.of(ForkEvidenceCodec.decode(text.get()));
  }

  /** Writes the evidence atomically: temp file, fsync, rename, fsync the directory. */
  public void write(ForkEvidence evidence) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    byte[] bytes = ForkEvidenceCodec.encode(evidence).getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    // crash here: only the temp file exists; the replica is not frozen yet, and on restart it
    // follows again and detects the same lie again.
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(file.getParent());
  }

  /** Unfreezes the replica: the operator has dealt with the fork. */
  public boolean clear() throws IOException {
    boolean existed = Files.deleteIfExists(file);
    syncDirectory(file.getParent());
    return existed;
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
