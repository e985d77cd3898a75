package org.rmbt.ledger.node.cli;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.rmbt.ledger.core.hash.MalformedException;
import org.rmbt.ledger.core.hash.VerificationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * The {@code rmbt} command. Exit codes scripts can rely on: 0 success, 1 verification failed, 2 bad
 * usage or malformed input (also a node's INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED), 3
 * storage or internal fault, or the node unavailable. {@link #exitCode(Throwable)} is the one place
 * failures become exit codes.
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
      SubmitCommand.class,
      GetCommand.class,
      ProofCommand.class,
      CheckpointCommand.class,
      BundleCommand.class,
      FollowCommand.class,
      StatusCommand.class,
      SampleCommand.class,
      ForkEvidenceCommand.class,
      VerifyForkCommand.class,
      VerifySplitCommand.class,
      RegistryCommand.class
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
          int code = exitCode(e);
          String what = status(e) == null && code == FAULT ? "internal error" : kind(e);
          return Report.fail(wantsJson(parsed), code, what, message(e));
        });
    return cl.execute(args);
  }

  /** What a failure means for a script. */
  static int exitCode(Throwable e) {
    Status s = status(e);
    if (s != null) {
      return exitCode(s.getCode());
    }
    if (e instanceof MalformedException
        || e instanceof NoSuchFileException
        || e instanceof AccessDeniedException) {
      return BAD_INPUT;
    }
    return e instanceof VerificationException ? VERIFICATION_FAILED : FAULT;
  }

  /** A node's answer: the caller's fault (2), or the node's or the network's (3). */
  static int exitCode(Status.Code code) {
    return switch (code) {
      case OK -> OK;
      case INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED, OUT_OF_RANGE, ALREADY_EXISTS ->
          BAD_INPUT;
      default -> FAULT;
    };
  }

  private static Status status(Throwable e) {
    if (e instanceof StatusRuntimeException s) {
      return s.getStatus();
    }
    return e instanceof StatusException s ? s.getStatus() : null;
  }

  private static String kind(Throwable e) {
    Status s = status(e);
    if (s != null) {
      return s.getCode().name().toLowerCase(Locale.ROOT);
    }
    return exitCode(e) == VERIFICATION_FAILED ? "failed" : "malformed";
  }

  private static String message(Throwable e) {
    Status s = status(e);
    if (s != null) {
      return s.getDescription() == null ? s.getCode().name() : s.getDescription();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    boolean ours = e instanceof MalformedException || e instanceof VerificationException;
    return ours ? e.getMessage() : e.toString();
  }

  private static boolean wantsJson(ParseResult parsed) {
    ParseResult p = parsed;
    while (p.hasSubcommand()) {
      p = p.subcommand();
    }
    return p.hasMatchedOption("--json");
  }
}
