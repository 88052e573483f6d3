package dev.skiff.watch;

import static dev.skiff.watch.LiveCluster.NS;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The randomized run end to end: 10,000 seeded changes (creates, updates, label changes, deletes) on a fake
 * cluster while its watch connections are dropped again and again, its watch history expired (forcing 410 and
 * relists), and lists and watches answered with 503 and 429. Afterwards each informer's cache must equal a list
 * of the server, and every subscriber must have seen each object's changes in order and ended with the
 * server's state. {@code -Dchaos.iterations=N} runs more rounds (default 3), each with its own seed.
 */
@Tag("chaos")
class FakeClusterChaosTest {
  private static final int CHANGES = 10_000;
  private static final int WRITERS = 4;
  private static final int NAMES_PER_WRITER = 40;
  private static final String PATH = "/api/v1/namespaces/" + NS + "/configmaps";

  @Test
  void cachesEndEqualToTheServerAndEverySubscriberSawEachObjectInOrder() throws Exception {
    int iterations = Integer.getInteger("chaos.iterations", 3);
    System.out.printf("FakeClusterChaosTest: %d iterations of %d changes%n", iterations, CHANGES);
    for (int i = 0; i < iterations; i++) {
      long started = System.nanoTime();
      run(7000L + i);
      System.out.printf("FakeClusterChaosTest: seed %d passed in %d ms%n", 7000L + i,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
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
      AtomicInteger done = new AtomicInteger();
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        work.add(writers.submit(() -> write(maps, new Random(seed * 31 + writer), writer, done)));
      }
      // The chaos, paced by the progress of the writers.
      Random chaos = new Random(seed);
      boolean lateJoined = false;
      int next = 0;
      int dropped = 0;
      while (!allDone(work)) {
        int progress = done.get();
        if (!lateJoined && progress >= CHANGES / 2) {
          subscribe(recorders, subscriptions, "late (all)", all.events());
          lateJoined = true;
        }
        if (progress >= next) {
          next = progress + 150 + chaos.nextInt(300);
          int what = chaos.nextInt(10);
          if (what < 4) {
            dropped += faults.dropWatches();
          } else if (what < 7) {
            faults.expireWatchHistory();
            dropped += faults.dropWatches();
          } else if (what < 8) {
            faults.failNext(2, RequestMatcher.of("GET", PATH).exceptWatches(), 503);
            faults.expireWatchHistory();
            dropped += faults.dropWatches();
          } else if (what < 9) {
            faults.tooManyRequests(1, RequestMatcher.of("GET", PATH).watchesOnly(), Duration.ofSeconds(1));
            dropped += faults.dropWatches();
          } else {
            faults.failNext(1, RequestMatcher.of("GET", PATH).watchesOnly(), 500);
            dropped += faults.dropWatches();
          }
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      }
      if (!lateJoined) { // the writers outran the pacing loop: join now, still before the end state is known
        subscribe(recorders, subscriptions, "late (all)", all.events());
      }
      for (Future<?> f : work) {
        f.get(); // a writer's failure fails the run
      }
      writers.shutdown();
      faults.clear();
      System.out.printf("FakeClusterChaosTest: seed %d wrote %d changes in %d ms, dropped %d watches, "
          + "the direct stream relisted %d times%n", seed, CHANGES,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - writing), dropped,
          recorders.get("stream (web)").syncs() - 1);
      assertThat(dropped).as("watches dropped, seed %d", seed).isGreaterThan(10);

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
      assertThat(recorders.get("stream (web)").syncs()).as("relists after 410, seed %d", seed).isGreaterThan(1);
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

  /** One writer's share of the changes, on names only it touches, so each object's history is its own. */
  private static void write(ResourceClient<ConfigMap> maps, Random random, int writer, AtomicInteger done) {
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
      done.incrementAndGet();
    }
  }

  private static boolean allDone(List<Future<?>> work) {
    return work.stream().allMatch(Future::isDone);
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
