package org.rmbt.ledger.node.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** DESIGN.md's rules on where gRPC and web3j may appear, checked over core and node together. */
@AnalyzeClasses(packages = "org.rmbt.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class NodeArchitectureTest {
  @ArchTest
  static final ArchRule grpcOnlyInServiceReplicaAndCli =
      noClasses()
          .that()
          .resideInAPackage("org.rmbt.ledger..")
          .and()
          .resideOutsideOfPackages(
              "org.rmbt.ledger.node.grpc..",
              "org.rmbt.ledger.node.replica..",
              "org.rmbt.ledger.node.cli..",
              // Generated stubs live beside the messages they serve.
              "org.rmbt.ledger.proto..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.grpc..");

  @ArchTest
  static final ArchRule coreNeverReachesNode =
      noClasses()
          .that()
          .resideInAPackage("org.rmbt.ledger.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.rmbt.ledger.node..", "io.grpc..", "org.web3j..");

  @ArchTest
  static final ArchRule web3jOnlyInAnchor =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.rmbt.ledger.node.anchor..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.web3j..")
          .allowEmptyShould(true);

  /** As in core: lenient parsers only in a format's one codec. */
  @ArchTest
  static final ArchRule lenientParsersOnlyInCodecs =
      noClasses()
          .that()
          .resideInAPackage("org.rmbt.ledger.node..")
          .and()
          .haveSimpleNameNotEndingWith("Codec")
          .should()
          .callMethod(Long.class, "parseLong", String.class)
          .orShould()
          .callMethod(Integer.class, "parseInt", String.class);
}
