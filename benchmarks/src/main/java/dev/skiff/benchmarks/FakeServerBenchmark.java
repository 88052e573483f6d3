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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Skiff's fake cluster beside fabric8's KubernetesMockServer (CRUD mode), both in-process and driven over
 * loopback by the same minimal {@link WireClient}: creating pods, and listing 10,000 stored pods with a label selector
 * that matches 10% of them. {@link FakeServerStartBenchmark} measures start-up.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class FakeServerBenchmark {
  /** Pods stored before the list benchmark. */
  static final int STORED_PODS = 10_000;

  /** Which server this fork measures. */
  @Param({"skiff", "fabric8"})
  public String server;

  private FakeServers.Running running;
  private WireClient http;
  private String podsPath;
  private String selectedPath;
  private int created;

  /** Starts the server and stores {@link #STORED_PODS} pods, every tenth labelled {@code app=web}. */
  @Setup(Level.Trial)
  public void setUp() {
    running = FakeServers.start(server);
    http = new WireClient(running.url());
    podsPath = "/api/v1/namespaces/default/pods";
    selectedPath = podsPath + "?labelSelector=app%3Dweb";
    for (created = 0; created < STORED_PODS; created++) {
      http.post(podsPath, FakeServers.podJson(created));
    }
    int items = countItems(http.get(selectedPath));
    if (items != STORED_PODS / 10) {
      throw new IllegalStateException(server + " selected " + items + " pods, expected " + STORED_PODS / 10);
    }
  }

  /** Stops the server. */
  @TearDown(Level.Trial)
  public void tearDown() {
    http.close();
    running.close();
  }

  /**
   * Creates one pod (the store keeps growing across iterations, as in a long test run).
   *
   * @return the created pod's JSON
   */
  @Benchmark
  public byte[] createPod() {
    return http.post(podsPath, FakeServers.podJson(created++));
  }

  /**
   * Lists the pods labelled {@code app=web}: 10% of those stored.
   *
   * @return the list's JSON
   */
  @Benchmark
  public byte[] listTenPercentBySelector() {
    return http.get(selectedPath);
  }

  /** Counts list items by their {@code "kind":"Pod"} or name markers, without a JSON library on the hot path. */
  static int countItems(byte[] listJson) {
    String text = new String(listJson, java.nio.charset.StandardCharsets.UTF_8);
    int count = 0;
    for (int i = text.indexOf("\"pod-index\""); i >= 0; i = text.indexOf("\"pod-index\"", i + 1)) {
      count++;
    }
    return count;
  }
}
