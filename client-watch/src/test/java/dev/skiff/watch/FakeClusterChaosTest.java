package dev.skiff.watch;

import static dev.skiff.watch.LiveCluster.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.skiff.client.ResourceClient;
import dev.skiff.fake.FakeCluster;
import dev.skiff.fake.faults.Faults;
import dev.skiff.fake.faults.RequestMatcher;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.core.v1.ConfigMap;
import dev.skiff.model.meta.v1.ObjectMeta;
import io.reactivex.rxjava3.disposables.Disposable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The randomized run end to end: 10,000 seeded changes (creates, updates, label changes, deletes) on a fake
 * cluster while its watch connections are dropped again and again, its watch history expired (forcing 410 and
 * relists), and lists and watches answered with 503 and 429. Afterwards each informer's cache must equal a list
 * of the server, and every subscriber must have seen each object's changes in order and ended with the
 * server's state. {@code -Dchaos.iterations=N} runs more rounds (default 3), each with its own seed; a failure
 * names its seed, which {@code -Dchaos.seed=N} runs first.
 */
@Tag("chaos")
class FakeClusterChaosTest {
  private static final int CHANGES = 10_000;
  private static final int WRITERS = 4;
  private static final int NAMES_PER_WRITER = 40;
  private static final String PATH = "/api/v1/namespaces/" + NS + "/configmaps";
  private static final Duration SEED_BOUND = Duration.ofMinutes(3);

  @Test
  void cachesEndEqualToTheServerAndEverySubscriberSawEachObjectInOrder() throws Exception {
    int iterations = Integer.getInteger("chaos.iterations", 3);
    long firstSeed = Long.getLong("chaos.seed", 7000); // -Dchaos.seed=N replays a reported seed first
    System.out.printf("FakeClusterChaosTest: %d iterations of %d changes from seed %d%n", iterations, CHANGES,
        firstSeed);
    for (int i = 0; i < iterations; i++) {
      long started = System.nanoTime();
      long seed = firstSeed + i;
      // A seed passes in seconds: a bound turns a hang (a deadlock in the server, say) into a failure that
      // names the seed and shows where every thread waits, instead of a build that never ends.
      assertTimeoutPreemptively(SEED_BOUND, () -> run(seed),
          () -> "seed " + seed + " did not finish within " + SEED_BOUND + "; threads:\n" + threadDump());
      System.out.printf("FakeClusterChaosTest: seed %d passed in %d ms%n", firstSeed + i,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
  }

  private static String threadDump() {
    StringBuilder out = new StringBuilder();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      out.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
      for (StackTraceElement frame : stack) {
        out.append("    at ").append(frame).append('\n');
      }
    });
    return out.toString();
  }

  /** What one subscriber saw: each object's resource versions in arrival order, and its own view. */
  private static final class Recorder {
    private final Map<ObjectKey, Long> lastVersion = new HashMap<>();
    private final Map<ObjectKey, String> view = new TreeMap<>();
    private final List<String> outOfOrder = new ArrayList<>();
    private volatile Throwable error;
    private int syncs;

    synchronized void accept(WatchEvent<ConfigMap> e) {
      if (e.type() == WatchEvent.Type.SYNCED) {
        syncs++;
        return;
      }
      ObjectKey key = e.key();
      long version = Long.parseLong(e.resourceVersion());
      Long previous = lastVersion.put(key, version);
      if (previous != null && previous >= version) {
        outOfOrder.add(key + ": " + previous + " then " + e);
      }
      if (e.type() == WatchEvent.Type.DELETED) {
        view.remove(key);
      } else {
        view.put(key, e.object().metadata().resourceVersion());
      }
    }

    void fail(Throwable t) {
      error = t;
    }

    synchronized Map<ObjectKey, String> view() {
      return new TreeMap<>(view);
    }

    synchronized int syncs() {
      return syncs;
    }

    synchronized List<String> outOfOrder() {
      return List.copyOf(outOfOrder);
    }
  }

  private void run(long seed) throws Exception {
    try (LiveCluster live = new LiveCluster(FakeCluster.builder().watchHistorySize(300))) {
      Faults faults = live.cluster.faults();
      ResourceClient<ConfigMap> maps = live.client.configMaps(NS);
      KubeWatch watch = KubeWatch.builder(live.client)
          .watchOptions(LiveCluster.quickOptions().toBuilder().pageSize(25).random(new Random(seed)).build())
          .build();
      SharedInformerFactory informers = watch.informers();
      Informer<ConfigMap> all = informers.informer(ResourceTypes.CONFIGMAPS, Scope.namespace(NS));
      Informer<ConfigMap> web = informers.informer(ResourceTypes.CONFIGMAPS, Scope.namespace(NS).withLabels("app=web"));

      Map<String, Recorder> recorders = new TreeMap<>();
      List<Disposable> subscriptions = new ArrayList<>();
      subscribe(recorders, subscriptions, "early (all)", all.events());
      subscribe(recorders, subscriptions, "early (web)", web.events());
      subscribe(recorders, subscriptions, "stream (web)",
          watch.events(ResourceTypes.CONFIGMAPS, Scope.namespace(NS).withLabels("app=web")));
      informers.start();
      informers.synced().blockingAwait(30, TimeUnit.SECONDS);

      long writing = System.nanoTime();
      // The chaos runs on the first writer's thread between its own changes, so that how much of it happens,
      // and when, follows from the seed rather than from thread timing.
      Chaos chaos = new Chaos(faults, new Random(seed),
          () -> subscribe(recorders, subscriptions, "late (all)", all.events()));
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        Runnable between = writer == 0 ? chaos::step : () -> { };
        work.add(writers.submit(() -> write(maps, new Random(seed * 31 + writer), writer, between)));
      }
      for (Future<?> f : work) {
        f.get(); // a writer's failure fails the run
      }
      writers.shutdown();
      faults.clear();
      System.out.printf("FakeClusterChaosTest: seed %d wrote %d changes in %d ms, dropped %d watches, "
          + "the direct stream relisted %d times%n", seed, CHANGES,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - writing), chaos.dropped,
          recorders.get("stream (web)").syncs() - 1);
      assertThat(chaos.actions).as("chaos actions, seed %d", seed).isGreaterThan(10);
      assertThat(chaos.dropped).as("watches dropped, seed %d", seed).isPositive();

      Map<ObjectKey, String> expectedAll = versions(maps.listAll());
      Map<ObjectKey, String> expectedWeb = versions(maps.list("app=web").items());
      assertThat(expectedAll).as("objects left, seed %d", seed).isNotEmpty();
      awaitEqual("the cache of all, seed " + seed, () -> versions(all.lister().list()), expectedAll);
      awaitEqual("the cache of web, seed " + seed, () -> versions(web.lister().list()), expectedWeb);
      assertThat(all.lister().list()).containsExactlyInAnyOrderElementsOf(maps.listAll());
      for (Map.Entry<String, Recorder> r : recorders.entrySet()) {
        Map<ObjectKey, String> expected = r.getKey().contains("web") ? expectedWeb : expectedAll;
        awaitEqual(r.getKey() + "'s view, seed " + seed, r.getValue()::view, expected);
        assertThat(r.getValue().outOfOrder()).as("%s saw changes out of order, seed %d", r.getKey(), seed).isEmpty();
        assertThat(r.getValue().error).as("%s's error, seed %d", r.getKey(), seed).isNull();
      }
      // The forced 410s must have made somebody relist (each recorder's first SYNCED is its initial list);
      // which subscriber was resuming at the moment of expiry depends on thread timing.
      int relists = recorders.values().stream().mapToInt(rec -> rec.syncs() - 1).sum();
      assertThat(relists).as("relists after 410, seed %d", seed).isPositive();
      subscriptions.forEach(Disposable::dispose);
      informers.stop();
      Await.until("every watch connection closed", () -> faults.openWatches() == 0);
    }
  }

  private static void subscribe(Map<String, Recorder> recorders, List<Disposable> subscriptions, String name,
      io.reactivex.rxjava3.core.Flowable<WatchEvent<ConfigMap>> events) {
    Recorder r = new Recorder();
    recorders.put(name, r);
    subscriptions.add(events.subscribe(r::accept, r::fail));
  }

  /**
   * The faults, one every 40 to 120 of the first writer's changes: dropped watches, expired history (forcing
   * 410 and relists), failing lists and watches; and a subscriber joining half way.
   */
  private static final class Chaos {
    private final Faults faults;
    private final Random random;
    private final Runnable joinLate;
    private int step;
    private int next;
    int actions;
    int dropped;

    Chaos(Faults faults, Random random, Runnable joinLate) {
      this.faults = faults;
      this.random = random;
      this.joinLate = joinLate;
    }

    void step() {
      step++;
      if (step == CHANGES / WRITERS / 2) {
        joinLate.run();
      }
      if (step < next) {
        return;
      }
      next = step + 40 + random.nextInt(80);
      actions++;
      int what = random.nextInt(10);
      if (what >= 4 && what < 8) {
        faults.expireWatchHistory();
      }
      if (what == 7) {
        faults.failNext(2, RequestMatcher.of("GET", PATH).exceptWatches(), 503);
      } else if (what == 8) {
        faults.tooManyRequests(1, RequestMatcher.of("GET", PATH).watchesOnly(), Duration.ofSeconds(1));
      } else if (what == 9) {
        faults.failNext(1, RequestMatcher.of("GET", PATH).watchesOnly(), 500);
      }
      dropped += faults.dropWatches();
    }
  }

  /** One writer's share of the changes, on names only it touches, so each object's history is its own. */
  private static void write(ResourceClient<ConfigMap> maps, Random random, int writer, Runnable between) {
    Map<String, ConfigMap> current = new HashMap<>();
    for (int i = 0; i < CHANGES / WRITERS; i++) {
      String name = "w" + writer + "-cm" + random.nextInt(NAMES_PER_WRITER);
      ConfigMap existing = current.get(name);
      int op = random.nextInt(10);
      if (existing == null) {
        String app = random.nextBoolean() ? "web" : "db";
        current.put(name, maps.create(ConfigMap.builder()
            .metadata(ObjectMeta.builder().name(name).putLabels("app", app).build())
            .putData("n", Integer.toString(i)).build()));
      } else if (op < 3) {
        maps.delete(name);
        current.remove(name);
      } else if (op < 6) {
        String app = "web".equals(existing.metadata().labels().get("app")) ? "db" : "web";
        current.put(name, maps.update(existing.withMetadata(existing.metadata().withLabels(Map.of("app", app)))));
      } else {
        current.put(name, maps.update(existing.withData(Map.of("n", Integer.toString(i)))));
      }
      between.run();
    }
  }

  private static Map<ObjectKey, String> versions(List<ConfigMap> objects) {
    Map<ObjectKey, String> m = new TreeMap<>();
    objects.forEach(o -> m.put(ObjectKey.of(o), o.metadata().resourceVersion()));
    return m;
  }

  private static void awaitEqual(String what, java.util.function.Supplier<Map<ObjectKey, String>> actual,
      Map<ObjectKey, String> expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!actual.get().equals(expected) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    assertThat(actual.get()).as(what).isEqualTo(expected);
  }
}
