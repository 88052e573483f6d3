package dev.skiff.benchmarks;

import com.fasterxml.jackson.databind.util.TokenBuffer;
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
 * Encoding the whole {@link PodListFixture} PodList (10,000 pods), one list per operation, from each library's
 * own decoded model with its own entry point (see {@link Libraries}), next to the floor: Jackson writing the
 * same document's tokens, recorded beforehand. Run with {@code -prof gc} for the allocation per operation.
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
public class EncodeBenchmark {
  private byte[] json;
  private dev.skiff.model.core.v1.PodList skiffList;
  private io.fabric8.kubernetes.api.model.PodList fabric8List;
  private V1PodList officialList;
  private TokenBuffer tokens;

  /**
   * Generates the fixture, checks that the library this fork measures reads and writes all of it, and
   * decodes it with that library only (so no other library's list sits in the heap while timing).
   *
   * @param params which benchmark this fork runs
   */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    json = PodListFixture.podListJson();
    String library = Libraries.libraryOf(params.getBenchmark());
    Libraries.verify(library, json, PodListFixture.PODS);
    switch (library) {
      case "skiff" -> skiffList = Libraries.skiffDecode(json);
      case "fabric8" -> fabric8List = Libraries.fabric8Decode(json);
      case "official" -> officialList = Libraries.officialDecode(json);
      default -> tokens = Libraries.jacksonTokenBuffer(json);
    }
  }

  /**
   * Skiff.
   *
   * @return UTF-8 JSON
   */
  @Benchmark
  public byte[] skiff() {
    return Libraries.skiffEncode(skiffList);
  }

  /**
   * fabric8 kubernetes-client 8.0.0.
   *
   * @return JSON text
   */
  @Benchmark
  public String fabric8() {
    return Libraries.fabric8Encode(fabric8List);
  }

  /**
   * The official client-java 27.0.0, as configured by default: it skips {@code managedFields}.
   *
   * @return JSON text
   */
  @Benchmark
  @Warmup(iterations = 2, time = 3)
  @Measurement(iterations = 3, time = 3)
  public String official() {
    return Libraries.officialEncode(officialList);
  }

  /**
   * The official client-java 27.0.0 keeping {@code managedFields}, in a JVM started with
   * {@code -Dkubernetes.client.includeManagedFields=true}.
   *
   * @return JSON text
   */
  @Benchmark
  @Warmup(iterations = 2, time = 3)
  @Measurement(iterations = 3, time = 3)
  @Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseG1GC",
      "-D" + Libraries.OFFICIAL_MANAGED_FIELDS + "=true"})
  public String officialWithManagedFields() {
    return Libraries.officialEncode(officialList);
  }

  /**
   * The floor: Jackson writing the document's recorded tokens, no model.
   *
   * @return UTF-8 JSON
   */
  @Benchmark
  public byte[] jacksonWrite() {
    return Libraries.jacksonWrite(tokens);
  }
}
