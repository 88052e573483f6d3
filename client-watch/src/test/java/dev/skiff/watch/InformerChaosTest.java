package dev.skiff.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.model.core.v1.ConfigMap;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A randomized run: 10,000 changes with connections dropped, expired, frozen and failing, and history
 * compacted (forcing 410 and relists), after which the informer's cache must equal the server and every
 * subscriber, early or late, must have seen each object's changes in order and ended with the server's state.
 * Seeds are fixed; {@code -Dchaos.iterations=N} runs more rounds (default 3).
 */
@Tag("chaos")
class InformerChaosTest {
  private static final int CHANGES = 10_000;

  @Test
  void theCacheEndsEqualToTheServerAndEverySubscriberSawEachObjectInOrder() {
    int iterations = Integer.getInteger("chaos.iterations", 3);
    System.out.printf("InformerChaosTest: %d iterations of %d changes%n", iterations, CHANGES);
    for (int i = 0; i < iterations; i++) {
      run(1000L + i);
    }
  }

  /** What one subscriber saw: each object's resource versions in arrival order, and its own view. */
  private static final class Recorder {
    final Map<ObjectKey, Long> lastVersion = new HashMap<>();
    final Map<ObjectKey, ConfigMap> view = new TreeMap<>();
    final List<String> outOfOrder = new ArrayList<>();
    int events;

    void accept(WatchEvent<ConfigMap> e) {
      events++;
      if (e.type() == WatchEvent.Type.SYNCED) {
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
        view.put(key, e.object());
      }
    }
  }

  private void run(long seed) {
    Random random = new Random(seed);
    TestScheduler time = new TestScheduler();
    InMemoryListWatch server = new InMemoryListWatch(200);
    WatchOptions options = WatchOptions.defaults().toBuilder()
        .pageSize(7)
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(5))
        .idleTimeout(Duration.ofSeconds(30))
        .timerScheduler(time)
        .listScheduler(Schedulers.trampoline())
        .random(new Random(seed))
        .build();
    Informer<ConfigMap> informer = Informer.builder(server).watchOptions(options)
        .deliveryScheduler(Schedulers.trampoline()).build();
    Recorder early = new Recorder();
    Recorder late = new Recorder();
    Recorder stream = new Recorder();
    List<Disposable> subscriptions = new ArrayList<>();
    subscriptions.add(informer.events().subscribe(early::accept));
    informer.start();
    subscriptions.add(WatchStreams.events(server, Scope.allNamespaces(), options).subscribe(stream::accept));

    String[] namespaces = {"a", "b", "c"};
    for (int change = 0; change < CHANGES; change++) {
      if (change == CHANGES / 2) {
        subscriptions.add(informer.events().subscribe(late::accept));
      }
      Map<ObjectKey, ConfigMap> now = random.nextInt(100) < 30 ? server.snapshot() : Map.of();
      if (!now.isEmpty()) {
        ObjectKey victim = new ArrayList<>(now.keySet()).get(random.nextInt(now.size()));
        server.delete(victim.namespace(), victim.name());
      } else {
        server.put(namespaces[random.nextInt(3)], "cm" + random.nextInt(60), Integer.toString(change));
      }
      int chaos = random.nextInt(1000);
      if (chaos < 10) {
        server.breakConnections();
      } else if (chaos < 20) {
        server.endConnections();
      } else if (chaos < 25) {
        server.expireConnections();
      } else if (chaos < 30) {
        server.compact();
        server.breakConnections();
      } else if (chaos < 34) {
        server.freezeConnections();
      } else if (chaos < 37) {
        server.failNextList(new ListWatchException(503, "ServiceUnavailable", "injected"));
      } else if (chaos < 40) {
        server.failNextWatch(new ListWatchException(500, "InternalError", "injected"));
      } else if (chaos < 60) {
        server.bookmark();
      }
      if (random.nextInt(10) == 0) {
        time.advanceTimeBy(random.nextInt(3000), TimeUnit.MILLISECONDS);
      }
    }
    // Let every stream recover: backoffs, frozen connections, pending retries.
    for (int i = 0; i < 10; i++) {
      time.advanceTimeBy(1, TimeUnit.MINUTES);
    }

    Map<ObjectKey, ConfigMap> expected = server.snapshot();
    Map<ObjectKey, ConfigMap> cached = new TreeMap<>();
    informer.lister().list().forEach(c -> cached.put(ObjectKey.of(c), c));
    assertThat(cached).as("informer cache, seed %d", seed).isEqualTo(expected);
    for (Recorder r : List.of(early, late, stream)) {
      assertThat(r.outOfOrder).as("changes seen out of order, seed %d", seed).isEmpty();
      assertThat(r.view).as("a subscriber's view, seed %d", seed).isEqualTo(expected);
    }
    assertThat(late.events).isGreaterThan(0).isLessThan(early.events);
    assertThat(server.listCalls()).as("relists happened").isGreaterThan(2);
    subscriptions.forEach(Disposable::dispose);
    informer.stop();
    assertThat(server.openConnections()).isZero();
  }
}
