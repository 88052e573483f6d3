package dev.skiff.benchmarks;

import dev.skiff.client.ClientConfig;
import dev.skiff.client.KubeClient;
import dev.skiff.fake.FakeCluster;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.watch.KubeWatch;
import dev.skiff.watch.ListWatch;
import dev.skiff.watch.ServerEvent;
import dev.skiff.watch.WatchRequest;
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
 * Watch delivery throughput without a writer in the loop: {@value #N} pod creates are made before the timing
 * starts, then each invocation opens a new watch that is owed all {@value #N} of them as {@code ADDED} events
 * and is timed until the subscriber has counted the last one. {@link WatchBenchmark} times the same events
 * while they are being written, where the servers' create paths dominate; here the time is the servers'
 * sending of events and the clients' reading, decoding and delivering them.
 *
 * <ul>
 *   <li>{@code skiff}: the fake cluster without controllers; client-watch's watch stream
 *       ({@link ListWatch#watch} of {@link KubeWatch#listWatch}) resuming from the resourceVersion before the
 *       creates, so the server replays the creates from its watch history, as it does for any client resuming
 *       a watch.
 *   <li>{@code fabric8}: fabric8's CRUD mock server, which answers a new watch with an {@code ADDED} event per
 *       stored object, and fabric8's client watching with a {@link Watcher}.
 * </ul>
 *
 * <p>Each invocation checks that exactly {@value #N} events arrived (none missing within 60 s, none extra
 * by the next invocation) and closes its watch.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// As in WatchBenchmark: enough warm-up batches that the JIT has compiled both paths before measuring.
@Warmup(iterations = 30)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WatchReplayBenchmark {
  static final int N = 2_000;
  static final String NS = "bench";
  static final Duration AWAIT = Duration.ofSeconds(60);

  /**
   * Which client on which server: {@code skiff}; {@code fabric8}, whose mock stores and replays the ~0.3 KB
   * requests; {@code fabric8-served}, whose mock is given the ~3.5 KB pods an API server stores for them
   * ({@link ServedPods}), so that its watcher receives the same events as Skiff's.
   */
  @Param({"skiff", "fabric8", "fabric8-served"})
  public String library;

  private Side side;
  private final AtomicInteger added = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile CountDownLatch allAdded = new CountDownLatch(0);

  /** One server and client; {@link #open} starts a watch that is owed the {@value #N} creates. */
  private interface Side extends AutoCloseable {
    URI url();

    /** Remembers where the replay starts, before the creates. */
    void mark();

    AutoCloseable open();

    @Override
    void close();
  }

  /** Starts the server and client, creates the namespace and the {@value #N} pods. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    side = library.equals("skiff") ? new SkiffSide() : new Fabric8Side();
    URI base = side.url();
    String origin = base.getScheme() + "://" + base.getAuthority();
    try (WireClient setup = new WireClient(origin)) {
      setup.post("/api/v1/namespaces", ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
          + NS + "\"}}").getBytes(StandardCharsets.UTF_8));
    }
    side.mark();
    ServedPods served = library.equals("fabric8-served") ? ServedPods.fromFakeCluster() : null;
    List<byte[]> bodies = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      String name = "p-" + i;
      bodies.add((served == null ? WatchBenchmark.podJson(name) : served.pod(name)).getBytes(StandardCharsets.UTF_8));
    }
    try (ParallelWriter writer = new ParallelWriter(origin, 4)) {
      writer.run(bodies, (client, body) -> client.post("/api/v1/namespaces/" + NS + "/pods", body), AWAIT);
    }
    if (served != null) {
      ServedPods.checkStored(origin, "p-0");
    }
  }

  /** Resets the count for the next watch. */
  @Setup(Level.Invocation)
  public void prepare() {
    check();
    added.set(0);
    allAdded = new CountDownLatch(N);
  }

  /**
   * Opens a watch and waits for its {@value #N} events.
   *
   * @return the events counted
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public int replay() throws Exception {
    try (AutoCloseable watch = side.open()) {
      if (!allAdded.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(library + ": " + allAdded.getCount() + " ADDED events missing after "
            + AWAIT, failure.get());
      }
      return added.get();
    }
  }

  /** Checks the last watch and stops everything. */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      check();
    } finally {
      side.close();
    }
  }

  private void check() {
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException(library + ": the watch failed", t);
    }
    if (added.get() > N) {
      throw new IllegalStateException(library + ": " + added.get() + " ADDED events for " + N + " pods");
    }
  }

  private void onAdded() {
    added.incrementAndGet();
    allAdded.countDown();
  }

  /** Skiff's fake cluster and client-watch's watch stream. */
  private final class SkiffSide implements Side {
    final FakeCluster cluster = FakeCluster.builder().controllers(false).watchHistorySize(4 * N).start();
    final KubeClient client = KubeClient.create(ClientConfig.builder().server(cluster.url().toString()).build());
    final ListWatch<Pod> pods = KubeWatch.of(client).listWatch(ResourceTypes.PODS);
    String from;

    @Override
    public URI url() {
      return cluster.url();
    }

    @Override
    public void mark() {
      from = client.pods(NS).list().metadata().resourceVersion();
    }

    @Override
    public AutoCloseable open() {
      Disposable d = pods.watch(new WatchRequest(dev.skiff.watch.Scope.namespace(NS), from, false, 600))
          .subscribe(e -> {
            if (e.type() == ServerEvent.Type.ADDED) {
              onAdded();
            }
          }, failure::set);
      return d::dispose;
    }

    @Override
    public void close() {
      client.close();
      cluster.close();
    }
  }

  /** fabric8's CRUD mock server and its client's watch. */
  private final class Fabric8Side implements Side {
    final KubernetesMockServer mock;
    final KubernetesClient client;

    Fabric8Side() {
      FakeServers.quietMockServer();
      mock = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
          new io.fabric8.mockwebserver.MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
      mock.init();
      client = mock.createClient();
    }

    @Override
    public URI url() {
      return URI.create(mock.url("/"));
    }

    @Override
    public void mark() {
      // the mock server sends every stored object to a new watch, whatever the resourceVersion
    }

    @Override
    public AutoCloseable open() {
      Watch watch = client.pods().inNamespace(NS).watch(new Watcher<io.fabric8.kubernetes.api.model.Pod>() {
        @Override
        public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Pod pod) {
          if (action == Action.ADDED) {
            onAdded();
          }
        }

        @Override
        public void onClose(WatcherException cause) {
          failure.compareAndSet(null, cause);
        }
      });
      return watch::close;
    }

    @Override
    public void close() {
      client.close();
      mock.destroy();
    }
  }
}
