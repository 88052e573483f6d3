package dev.skiff.benchmarks;

import io.kubernetes.client.openapi.models.V1PodList;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Decoding the whole {@link PodListFixture} PodList (10,000 pods) from UTF-8 bytes, one list per operation,
 * with each library's own entry point (see {@link Libraries}), next to a Jackson token pass as the floor.
 * Run with {@code -prof gc} for the allocation per operation.
 *
 * <p>One fork per benchmark, 5 warmup and 6 measured iterations of 3 s; the official client, context rather
 * than a target and several seconds per operation, gets 2 and 3 to keep the whole run within budget.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 6, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class DecodeBenchmark {
  private byte[] json;

  /**
   * Generates the fixture and checks that the library this fork measures reads and writes all of it.
   *
   * @param params which benchmark this fork runs
   */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    json = PodListFixture.podListJson();
    Libraries.verify(Libraries.libraryOf(params.getBenchmark()), json, PodListFixture.PODS);
  }

  /**
   * Skiff.
   *
   * @return the decoded list
   */
  @Benchmark
  public dev.skiff.model.core.v1.PodList skiff() {
    return Libraries.skiffDecode(json);
  }

  /**
   * fabric8 kubernetes-client 8.0.0.
   *
   * @return the decoded list
   */
  @Benchmark
  public io.fabric8.kubernetes.api.model.PodList fabric8() {
    return Libraries.fabric8Decode(json);
  }

  /**
   * The official client-java 27.0.0, as configured by default: it skips {@code managedFields}.
   *
   * @return the decoded list
   */
  @Benchmark
  @Warmup(iterations = 2, time = 3)
  @Measurement(iterations = 3, time = 3)
  public V1PodList official() {
    return Libraries.officialDecode(json);
  }

  /**
   * The official client-java 27.0.0 keeping {@code managedFields}, in a JVM started with
   * {@code -Dkubernetes.client.includeManagedFields=true}.
   *
   * @return the decoded list
   */
  @Benchmark
  @Warmup(iterations = 2, time = 3)
  @Measurement(iterations = 3, time = 3)
  @Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseG1GC",
      "-D" + Libraries.OFFICIAL_MANAGED_FIELDS + "=true"})
  public V1PodList officialWithManagedFields() {
    return Libraries.officialDecode(json);
  }

  /**
   * The floor: a Jackson token pass over the same bytes.
   *
   * @return the token count
   */
  @Benchmark
  public int jacksonTokens() {
    return Libraries.jacksonTokens(json);
  }
}
