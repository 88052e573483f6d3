package dev.skiff.benchmarks;

import dev.skiff.client.internal.ErrorDecoder;
import dev.skiff.fake.FakeCluster;
import dev.skiff.model.ResourceType;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.codec.ModelCodec;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.meta.v1.WatchEvent;
import dev.skiff.watch.ServerEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding watch event lines on the client, per event: {@value #N} {@code ADDED} lines of pods as the fake
 * cluster's watch sends them (server defaults, the service-account token volume, default tolerations,
 * managedFields; about 3 KB each), taken from a real watch response in setup.
 *
 * <ul>
 *   <li>{@code skiff}: client-watch's decoder of a watch connection's lines, from a line's UTF-8 bytes to the
 *       typed {@code Pod} of a {@code ServerEvent}.
 *   <li>{@code skiffUntyped}: {@code ModelCodec.readJson(bytes, WatchEvent.class)}, the model's untyped wire
 *       form, whose object is decoded by its own apiVersion and kind.
 *   <li>{@code fabric8}: fabric8 8.0.0's watch manager, {@code KubernetesSerialization.unmarshal(String,
 *       WatchEvent.class)} on the line as text (its HTTP layer hands it lines as strings, so the UTF-8 decode
 *       of the bytes is charged here too).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class WatchEventDecodeBenchmark {
  /** Distinct events per operation. */
  static final int N = 64;
  private static final String NS = "bench";

  private static final ModelCodec SKIFF = ModelCodec.standard();
  private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

  private byte[][] lines;

  /**
   * Creates {@value #N} pods in a fake cluster and records the lines of a watch that sees them added; checks
   * that both libraries decode each into a pod.
   *
   * @throws Exception when the cluster misbehaves
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    lines = watchLines();
    long bytes = Stream.of(lines).mapToLong(l -> l.length).sum();
    System.out.printf("%n%d ADDED lines, %d bytes on average%n", lines.length, bytes / lines.length);
    for (byte[] line : lines) {
      Pod pod = skiffDecode(line);
      Object f8 = fabric8Decode(line).getObject();
      if (!(f8 instanceof io.fabric8.kubernetes.api.model.Pod p)
          || !p.getMetadata().getName().equals(pod.metadata().name())
          || pod.metadata().managedFields().isEmpty()) {
        throw new IllegalStateException("the libraries disagree on " + new String(line, StandardCharsets.UTF_8));
      }
    }
  }

  private static byte[][] watchLines() throws IOException, InterruptedException {
    try (FakeCluster cluster = FakeCluster.builder().kubelet(false).controllers(false).start()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI base = cluster.url();
      post(http, base.resolve("/api/v1/namespaces"),
          "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NS + "\"}}");
      String list = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/namespaces/" + NS + "/pods")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      String from = list.replaceAll("(?s).*\"resourceVersion\":\"([0-9]+)\".*", "$1");
      for (int i = 0; i < N; i++) {
        post(http, base.resolve("/api/v1/namespaces/" + NS + "/pods"), podJson(i));
      }
      HttpResponse<Stream<String>> watch = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/namespaces/" + NS
          + "/pods?watch=1&timeoutSeconds=10&resourceVersion=" + from)).build(), HttpResponse.BodyHandlers.ofLines());
      List<String> text;
      try (Stream<String> body = watch.body()) {
        text = body.filter(l -> !l.isBlank()).limit(N).collect(Collectors.toList());
      }
      if (text.size() != N || !text.stream().allMatch(l -> l.startsWith("{\"type\":\"ADDED\""))) {
        throw new IllegalStateException("expected " + N + " ADDED lines, got " + text);
      }
      return text.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }
  }

  private static void post(HttpClient http, URI uri, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + uri + " -> " + r.statusCode() + " " + r.body());
    }
  }

  /** A pod as a Deployment would create it: labels, an owner, one container with resources, env and a probe. */
  static String podJson(int i) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-7c9f8d6b5-" + i + "\","
        + "\"namespace\":\"" + NS + "\",\"labels\":{\"app\":\"web\",\"pod-template-hash\":\"7c9f8d6b5\","
        + "\"tier\":\"frontend\"},\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"2026-01-01T10:00:00Z\"},"
        + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"web-7c9f8d6b5\","
        + "\"uid\":\"0f7c4f8e-4b1a-4c55-9d0e-2f6a7b8c9d01\",\"controller\":true,\"blockOwnerDeletion\":true}]},"
        + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"registry.example.com/shop/web:1.27.3\","
        + "\"ports\":[{\"name\":\"http\",\"containerPort\":8080,\"protocol\":\"TCP\"}],"
        + "\"env\":[{\"name\":\"LOG_LEVEL\",\"value\":\"info\"},{\"name\":\"POD_NAME\",\"valueFrom\":"
        + "{\"fieldRef\":{\"apiVersion\":\"v1\",\"fieldPath\":\"metadata.name\"}}}],"
        + "\"resources\":{\"requests\":{\"cpu\":\"250m\",\"memory\":\"256Mi\"},\"limits\":{\"memory\":\"512Mi\"}},"
        + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/healthz\",\"port\":\"http\"},\"periodSeconds\":5}}]}}";
  }

  /**
   * client-watch's own decoder of one watch connection's lines, {@code WatchDecoder.decode(byte[])}: package
   * private, so reached by reflection once; the handle is a constant the JIT inlines through.
   */
  private static final MethodHandle DECODE;
  private static final Object DECODER;

  static {
    try {
      Class<?> decoder = Class.forName("dev.skiff.watch.WatchDecoder");
      Constructor<?> c = decoder.getDeclaredConstructor(ResourceType.class, ModelCodec.class, ErrorDecoder.class,
          String.class);
      c.setAccessible(true);
      DECODER = c.newInstance(ResourceTypes.PODS, SKIFF, new ErrorDecoder(SKIFF), "GET /api/v1/namespaces/bench/pods");
      Method decode = decoder.getDeclaredMethod("decode", byte[].class);
      decode.setAccessible(true);
      DECODE = MethodHandles.lookup().unreflect(decode).asType(MethodType.methodType(ServerEvent.class, Object.class,
          byte[].class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The path client-watch takes from a line's bytes to the typed object. */
  private static Pod skiffDecode(byte[] line) {
    try {
      return (Pod) ((ServerEvent<?>) DECODE.invokeExact(DECODER, line)).object();
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static io.fabric8.kubernetes.api.model.WatchEvent fabric8Decode(byte[] line) {
    return FABRIC8.unmarshal(new String(line, StandardCharsets.UTF_8), io.fabric8.kubernetes.api.model.WatchEvent.class);
  }

  /**
   * Skiff, as client-watch decodes each line.
   *
   * @param bh the sink
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public void skiff(Blackhole bh) {
    for (byte[] line : lines) {
      bh.consume(skiffDecode(line));
    }
  }

  /**
   * Skiff's untyped wire form: the object decoded by its own apiVersion and kind.
   *
   * @param bh the sink
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public void skiffUntyped(Blackhole bh) {
    for (byte[] line : lines) {
      bh.consume(SKIFF.readJson(line, WatchEvent.class));
    }
  }

  /**
   * fabric8 kubernetes-client 8.0.0, as its watch manager decodes each line.
   *
   * @param bh the sink
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public void fabric8(Blackhole bh) {
    for (byte[] line : lines) {
      bh.consume(fabric8Decode(line));
    }
  }
}
