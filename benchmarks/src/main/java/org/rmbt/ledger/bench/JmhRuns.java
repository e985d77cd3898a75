package org.rmbt.ledger.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * JMH through its Runner API with explicit, short settings: one fork, two warm-up and three
 * measured iterations. Enough for stable numbers on a quiet machine, and the whole run stays in
 * minutes on two cores.
 */
final class JmhRuns {
  private JmhRuns() {}

  /** Ed25519 verifications per second with {@code threads} threads. */
  static double verifyRate(int threads) throws RunnerException {
    RunResult r =
        runOne(
            base(Ed25519VerifyBench.class)
                .threads(threads)
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS));
    return r.getPrimaryResult().getScore();
  }

  /** Inclusion-proof latency over the store in {@code dir}: {p50, mean} in microseconds. */
  static double[] proofMicros(String dir) throws RunnerException {
    RunResult r =
        runOne(
            base(InclusionProofBench.class)
                .param("dir", dir)
                .threads(1)
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS));
    Statistics s = r.getPrimaryResult().getStatistics();
    return new double[] {s.getPercentile(50), s.getMean()};
  }

  private static ChainedOptionsBuilder base(Class<?> bench) {
    return new OptionsBuilder()
        .include(bench.getName())
        .forks(1)
        .warmupIterations(2)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(3)
        .measurementTime(TimeValue.seconds(2))
        .jvmArgsAppend("-Xmx1g")
        .verbosity(VerboseMode.SILENT);
  }

  private static RunResult runOne(ChainedOptionsBuilder options) throws RunnerException {
    return new Runner(options.build()).runSingle();
  }
}
