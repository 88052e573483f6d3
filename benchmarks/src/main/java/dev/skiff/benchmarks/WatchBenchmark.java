package dev.skiff.benchmarks;

import dev.skiff.client.ClientConfig;
import dev.skiff.client.KubeClient;
import dev.skiff.fake.FakeCluster;
import dev.skiff.model.ResourceTypes;
import dev.skiff.watch.KubeWatch;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.reactivex.rxjava3.disposables.Disposable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end watch throughput: the time from the first of {@value #N} pod creates until the subscriber has
 * received all {@value #N} {@code ADDED} events, as events per second.
 *
 * <ul>
 *   <li>{@code skiff}: a quiet {@link FakeCluster} (no kubelet, no controllers), a Skiff {@link KubeClient} and
 *       client-watch's {@code Flowable<WatchEvent<Pod>>} from {@link KubeWatch#events}.
 *   <li>{@code fabric8}: fabric8's {@link KubernetesMockServer} in CRUD mode and fabric8's client (its default
 *       Vert.x HTTP client) watching pods with a {@link Watcher}.
 * </ul>
 *
 * <p>The writes come from the same {@link ParallelWriter} for both ({@value #IN_FLIGHT} threads, each with its
 * own kept-alive connection, same bodies), so the writer's own cost is identical; what differs is the server
 * (which also serves the watch) and the client. Between invocations (outside the timing) the pods are deleted
 * again and the {@code DELETED} events drained, so every invocation starts from an empty namespace with the
 * same watch still open. Setup runs one untimed batch and fails unless exactly {@value #N} events arrive, and
 * every invocation fails if an event is missing (after 60 s) or one too many arrives.
 *
 * <p>Besides the score, the teardown prints the mean time the writes alone took (first write to last response)
 * and the mean tail (last response to last event), which shows whether the server or the client dominates.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Many warm-up batches: on two cores the JIT is still compiling the server and client paths for about the
// first 40,000 events (a batch is 2,000): fewer batches measured a half-compiled JVM.
@Warmup(iterations = 25)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WatchBenchmark {
  static final int N = 2_000;
  static final int IN_FLIGHT = 4;
  static final String NS = "bench";
  static final Duration AWAIT = Duration.ofSeconds(60);

  /**
   * Which client on which server: {@code skiff}; {@code fabric8}, whose mock stores and sends the ~0.3 KB
   * request; {@code fabric8-served}, whose writers post the ~3.5 KB pod an API server stores for that request
   * ({@link ServedPods}), so that its watcher receives the same events as Skiff's.
   */
  @Param({"skiff", "fabric8", "fabric8-served"})
  public String library;

  private ServedPods served;

  private Server server;
  private ParallelWriter writer;
  private URI base;
  private final AtomicInteger added = new AtomicInteger();
  private final AtomicInteger deleted = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile CountDownLatch allAdded = new CountDownLatch(0);
  private volatile CountDownLatch allDeleted = new CountDownLatch(0);
  private int batch;
  private List<String> names = List.of();
  private long writeNanos;
  private long tailNanos;
  private int timedBatches;
  private long lastWriteDone;

  /** One server with one client watching the namespace; events go to {@link #onAdded} and {@link #onDeleted}. */
  private interface Server extends AutoCloseable {
    URI url();

    @Override
    void close();
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    server = switch (library) {
      case "skiff" -> new SkiffServer();
      case "fabric8", "fabric8-served" -> new Fabric8Server();
      default -> throw new IllegalArgumentException(library);
    };
    base = server.url();
    served = library.equals("fabric8-served") ? ServedPods.fromFakeCluster() : null;
    writer = new ParallelWriter(base.getScheme() + "://" + base.getAuthority(), IN_FLIGHT);
    // The namespace (the fake cluster requires it; the mock server stores it like anything else).
    try (WireClient setup = new WireClient(base.getScheme() + "://" + base.getAuthority())) {
      setup.post("/api/v1/namespaces", ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
          + NS + "\"}}").getBytes(StandardCharsets.UTF_8));
    }
    // The verification batch: exactly N events, none lost, none extra.
    prepare();
    writeAndAwait();
    Thread.sleep(500);
    check();
    if (served != null) {
      ServedPods.checkStored(base.getScheme() + "://" + base.getAuthority(), names.get(0));
    }
    writeNanos = 0;
    tailNanos = 0;
    timedBatches = 0;
  }

  @Setup(Level.Invocation)
  public void prepare() throws Exception {
    check();
    if (!names.isEmpty()) {
      allDeleted = new CountDownLatch(names.size());
      deleted.set(0);
      writer.run(names, (client, name) -> client.delete("/api/v1/namespaces/" + NS + "/pods/" + name
          + "?gracePeriodSeconds=0"), AWAIT);
      await(allDeleted, "DELETED");
      if (deleted.get() != names.size()) {
        throw new IllegalStateException(library + ": " + deleted.get() + " DELETED events for " + names.size());
      }
    }
    batch++;
    List<String> next = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      next.add("p-" + batch + "-" + i);
    }
    names = next;
    added.set(0);
    allAdded = new CountDownLatch(N);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int watch() throws Exception {
    return writeAndAwait();
  }

  private int writeAndAwait() throws Exception {
    List<byte[]> bodies = new ArrayList<>(names.size());
    for (String name : names) {
      bodies.add((served == null ? podJson(name) : served.pod(name)).getBytes(StandardCharsets.UTF_8));
    }
    String pods = "/api/v1/namespaces/" + NS + "/pods";
    long start = System.nanoTime();
    writer.run(bodies, (client, body) -> client.post(pods, body), AWAIT);
    long written = System.nanoTime();
    await(allAdded, "ADDED");
    long end = System.nanoTime();
    writeNanos += written - start;
    tailNanos += end - written;
    timedBatches++;
    return added.get();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      check();
    } finally {
      if (timedBatches > 0) {
        System.out.printf("%n[%s] mean per batch of %d: writes %.1f ms, tail after the last write %.1f ms%n",
            library, N, writeNanos / 1e6 / timedBatches, tailNanos / 1e6 / timedBatches);
      }
      writer.close();
      server.close();
    }
  }

  private void check() {
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException(library + ": the watch failed", t);
    }
    if (!names.isEmpty() && added.get() != names.size()) {
      throw new IllegalStateException(library + ": " + added.get() + " ADDED events for " + names.size() + " creates");
    }
  }

  private void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(library + ": " + latch.getCount() + " " + what + " events missing after " + AWAIT,
          failure.get());
    }
  }

  static String podJson(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + NS
        + "\",\"labels\":{\"app\":\"bench\",\"tier\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\","
        + "\"image\":\"nginx:1.27\",\"ports\":[{\"containerPort\":8080,\"protocol\":\"TCP\"}]}]}}";
  }

  private void onAdded() {
    added.incrementAndGet();
    allAdded.countDown();
  }

  private void onDeleted() {
    deleted.incrementAndGet();
    allDeleted.countDown();
  }

  /** Skiff: the fake cluster, a KubeClient and client-watch's event stream. */
  private final class SkiffServer implements Server {
    final FakeCluster cluster;
    final KubeClient client;
    final Disposable subscription;

    SkiffServer() throws InterruptedException {
      cluster = FakeCluster.builder().kubelet(false).controllers(false).start();
      client = KubeClient.create(ClientConfig.builder().server(cluster.url().toString()).build());
      CountDownLatch synced = new CountDownLatch(1);
      subscription = KubeWatch.of(client).events(ResourceTypes.PODS, dev.skiff.watch.Scope.namespace(NS))
          .subscribe(e -> {
            switch (e.type()) {
              case ADDED -> onAdded();
              case DELETED -> onDeleted();
              case SYNCED -> synced.countDown();
              default -> { }
            }
          }, failure::set);
      if (!synced.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("skiff: no SYNCED", failure.get());
      }
      Thread.sleep(500); // the watch request follows the list
    }

    @Override
    public URI url() {
      return cluster.url();
    }

    @Override
    public void close() {
      subscription.dispose();
      client.close();
      cluster.close();
    }
  }

  /** fabric8: its mock server in CRUD mode and its client watching with a Watcher. */
  private final class Fabric8Server implements Server {
    final KubernetesMockServer mock;
    final KubernetesClient client;
    final Watch watch;

    Fabric8Server() throws InterruptedException {
      FakeServers.quietMockServer();
      mock = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new io.fabric8.mockwebserver.MockWebServer(),
          new HashMap<>(), new KubernetesCrudDispatcher(), false);
      mock.init();
      client = mock.createClient();
      watch = client.pods().inNamespace(NS).watch(new Watcher<io.fabric8.kubernetes.api.model.Pod>() {
        @Override
        public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Pod pod) {
          switch (action) {
            case ADDED -> onAdded();
            case DELETED -> onDeleted();
            default -> { }
          }
        }

        @Override
        public void onClose(WatcherException cause) {
          failure.compareAndSet(null, cause);
        }
      });
      Thread.sleep(500);
    }

    @Override
    public URI url() {
      return URI.create(mock.url("/"));
    }

    @Override
    public void close() {
      watch.close();
      client.close();
      mock.destroy();
    }
  }
}
