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
