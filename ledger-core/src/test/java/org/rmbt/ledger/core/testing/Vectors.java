package org.rmbt.ledger.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared/vectors} (the conformance vectors beside the clone). */
public final class Vectors {
  private Vectors() {}

  public static Path dir() {
    String configured = System.getProperty("rmbt.vectors");
    Path p = configured != null ? Path.of(configured) : Path.of("../../shared/vectors");
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("conformance vectors not found at " + p.toAbsolutePath());
    }
    return p.normalize();
  }
}
