package org.rmbt.ledger.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rmbt} command. Exit codes scripts can rely on: 0 success, 1 verification failed, 2 bad
 * usage or malformed input, 3 storage or internal fault.
 */
@Command(
    name = "rmbt",
    mixinStandardHelpOptions = true,
    version = "rmbt 0.1.0",
    description = "RMBT Ledger: a signed, Merkle-chained compliance log.",
    subcommands = {
      KeygenCommand.class,
      DemoCommand.class,
      VerifyCommand.class,
      VerifyLogCommand.class,
      NodeCommand.class,
      ForkEvidenceCommand.class,
      VerifyForkCommand.class
    })
public final class Rmbt {
  public static final int OK = 0;
  public static final int VERIFICATION_FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int FAULT = 3;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this, not {@link #main}). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Rmbt());
    cl.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? BAD_INPUT : FAULT);
    cl.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          line.getErr().println("rmbt: internal error: " + e);
          return FAULT;
        });
    return cl.execute(args);
  }
}
