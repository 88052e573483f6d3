package dev.skiff.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-to-first-answer of each fake server: from nothing to the answer of the first
 * {@code GET /api/v1/namespaces/default/pods}, as a test that starts a server per test pays it. Stopping
 * happens outside the measured time. Each fork is a fresh JVM; the first iterations are the cold starts a
 * test class pays, the later ones the per-test cost in a warm JVM.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 40)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class FakeServerStartBenchmark {

  /** Which server this fork measures. */
  @Param({"skiff", "skiff-controllers", "fabric8"})
  public String server;

  private FakeServers.Running running;
  private WireClient http;

  /**
   * Starts a server and waits for its first answer.
   *
   * @return the answer
   */
  @Benchmark
  public byte[] startToFirstAnswer() {
    running = FakeServers.start(server);
    http = new WireClient(running.url());
    return http.get("/api/v1/namespaces/default/pods");
  }

  /** Stops the server started by the iteration, outside the measurement. */
  @TearDown(Level.Iteration)
  public void stop() {
    if (running != null) {
      http.close();
      running.close();
      running = null;
    }
  }
}
