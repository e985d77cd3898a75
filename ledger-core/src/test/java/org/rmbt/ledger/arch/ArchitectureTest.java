package org.rmbt.ledger.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency directions of DESIGN.md, enforced. */
@AnalyzeClasses(packages = "org.rmbt.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String CORE = "org.rmbt.ledger.core";

  @ArchTest
  static final ArchRule coreNeverReachesNode =
      noClasses()
          .that()
          .resideInAPackage(CORE + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.rmbt.ledger.node..", "io.grpc..", "org.web3j..");

  @ArchTest
  static final ArchRule rocksDbOnlyInItsStore =
      noClasses()
          .that()
          .resideOutsideOfPackage(CORE + ".store.rocksdb..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.rocksdb..");

  @ArchTest
  static final ArchRule hashIsTheBottom =
      layer("hash", "merkle", "checkpoint", "record", "store", "ledger", "verify");

  @ArchTest
  static final ArchRule merkleBelowCheckpointAndUp =
      layer("merkle", "checkpoint", "record", "store", "ledger", "verify");

  @ArchTest
  static final ArchRule checkpointBelowRecordAndUp =
      layer("checkpoint", "record", "store", "ledger", "verify");

  @ArchTest
  static final ArchRule recordBelowStoreAndUp = layer("record", "store", "ledger", "verify");

  @ArchTest static final ArchRule storeBelowLedgerAndUp = layer("store", "ledger", "verify");

  @ArchTest static final ArchRule ledgerBelowVerify = layer("ledger", "verify");

  /**
   * Lenient parsers take "+5", "007" and missing padding: only a format's one codec may call them.
   */
  @ArchTest
  static final ArchRule lenientParsersOnlyInCodecs =
      noClasses()
          .that()
          .haveSimpleNameNotEndingWith("Codec")
          .should()
          .callMethod(Long.class, "parseLong", String.class)
          .orShould()
          .callMethod(Integer.class, "parseInt", String.class)
          .orShould()
          .callMethod(java.util.Base64.class, "getDecoder")
          .orShould()
          .callMethod(com.google.protobuf.util.JsonFormat.class, "parser")
          .because("decoding belongs in the format's *Codec class, which demands canonical input");

  /** Core is deterministic: time is a parameter, so only the node reads the wall clock. */
  @ArchTest
  static final ArchRule noWallClockInCore =
      noClasses()
          .that()
          .resideInAPackage(CORE + "..")
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(java.time.Instant.class, "now")
          .orShould()
          .callMethod(java.time.Clock.class, "systemUTC");

  /** Classes in {@code low} may not depend on any of the packages above it. */
  private static ArchRule layer(String low, String... above) {
    String[] targets = new String[above.length];
    for (int i = 0; i < above.length; i++) {
      targets[i] = CORE + "." + above[i] + "..";
    }
    return noClasses()
        .that()
        .resideInAPackage(CORE + "." + low + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(targets);
  }
}
