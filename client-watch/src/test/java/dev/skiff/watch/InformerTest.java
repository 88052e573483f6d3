package dev.skiff.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.model.Selector;
import dev.skiff.model.core.v1.ConfigMap;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link Informer} and {@link SharedInformerFactory} against {@link InMemoryListWatch}, on the test thread. */
class InformerTest {
  private final TestScheduler time = new TestScheduler();
  private final InMemoryListWatch server = new InMemoryListWatch(1000);
  private final WatchOptions options = WatchOptions.defaults().toBuilder()
      .timerScheduler(time).listScheduler(Schedulers.trampoline()).random(new Random(7)).build();

  private Informer<ConfigMap> informer(Scope scope) {
    return Informer.builder(server).scope(scope).watchOptions(options)
        .deliveryScheduler(Schedulers.trampoline()).build();
  }

  private static List<String> names(List<ConfigMap> objects) {
    return objects.stream().map(c -> ObjectKey.of(c).toString()).collect(Collectors.toList());
  }

  @Test
  void syncsAndAnswersListersFromTheCacheWithIndexes() {
    server.put("shop", "a", "1");
    server.put("shop", "bb", "1");
    server.put("bank", "c", "1");
    Informer<ConfigMap> informer = informer(Scope.allNamespaces());
    informer.addIndex("value", c -> List.of(c.data().get("value")));
    TestObserver<Void> synced = informer.synced().test();
    assertThat(informer.hasSynced()).isFalse();

    informer.start();
    synced.assertComplete();
    assertThat(informer.hasSynced()).isTrue();
    Lister<ConfigMap> lister = informer.lister();
    assertThat(lister.size()).isEqualTo(3);
    assertThat(lister.get("shop", "a")).isPresent();
    assertThat(names(lister.list("shop", Selector.everything()))).containsExactly("shop/a", "shop/bb");
    // labels: names of even hash code length are "even" in the fake
    assertThat(names(lister.list(Selector.parse("app=" + ("a".hashCode() % 2 == 0 ? "even" : "odd")))))
        .contains("shop/a");

    server.put("shop", "a", "2");
    server.delete("bank", "c");
    assertThat(names(lister.byIndex("value", "2"))).containsExactly("shop/a");
    assertThat(names(lister.byIndex("value", "1"))).containsExactly("shop/bb");
    assertThat(lister.byIndex(IndexFunction.NAMESPACE, "bank")).isEmpty();

    informer.addIndex("app", IndexFunction.byLabel("app")); // added while running: indexes what is cached
    assertThat(lister.byIndex("app", "even").size() + lister.byIndex("app", "odd").size()).isEqualTo(2);
  }

  @Test
  void aLateSubscriberFirstGetsTheCacheThenLiveChanges() {
    server.put("shop", "a", "1");
    Informer<ConfigMap> informer = informer(Scope.namespace("shop"));
    informer.start();
    server.put("shop", "b", "1");

    TestSubscriber<WatchEvent<ConfigMap>> late = informer.events().test();
    server.put("shop", "a", "2");
    server.put("elsewhere", "x", "1");

    assertThat(late.values()).extracting(WatchEvent::toString)
        .containsExactly("ADDED shop/a@101", "ADDED shop/b@102", "SYNCED@101", "MODIFIED shop/a@103");
    late.cancel();
    server.put("shop", "a", "3");
    assertThat(late.values()).hasSize(4);
  }

  @Test
  void resyncRedeliversEveryCachedObjectWithoutCallingTheServer() {
    server.put("shop", "a", "1");
    server.put("shop", "b", "1");
    Informer<ConfigMap> informer = Informer.builder(server).watchOptions(options)
        .deliveryScheduler(Schedulers.trampoline()).resyncPeriod(Duration.ofMinutes(1)).build();
    informer.start();
    TestSubscriber<WatchEvent<ConfigMap>> s = informer.events().test();
    int lists = server.listCalls();

    time.advanceTimeBy(1, TimeUnit.MINUTES);

    List<WatchEvent<ConfigMap>> resynced = s.values().subList(3, s.values().size());
    assertThat(resynced).hasSize(2).allMatch(WatchEvent::isResync);
    assertThat(server.listCalls()).isEqualTo(lists);
  }

  @Test
  void theFactorySharesOneInformerAndOneWatchPerResourceTypeAndScope() {
    SharedInformerFactory factory = SharedInformerFactory.builder().watchOptions(options)
        .deliveryScheduler(Schedulers.trampoline()).build();
    Informer<ConfigMap> first = factory.informer(server, Scope.namespace("shop"));
    Informer<ConfigMap> second = factory.informer(server, Scope.namespace("shop"));
    Informer<ConfigMap> other = factory.informer(server, Scope.namespace("shop").withLabels("app=even"));
    assertThat(second).isSameAs(first);
    assertThat(other).isNotSameAs(first);

    factory.start();
    factory.synced().test().assertComplete();
    assertThat(server.watchRequests()).hasSize(2);

    Informer<ConfigMap> afterStart = factory.informer(server, Scope.allNamespaces());
    assertThat(afterStart.hasSynced()).isTrue();
    factory.stop();
    assertThat(server.openConnections()).isZero();
  }

  @Test
  void anErrorRetryingCannotFixEndsEverySubscriberAndFailsSynced() {
    server.failNextList(new ListWatchException(403, "Forbidden", "no"));
    Informer<ConfigMap> informer = informer(Scope.allNamespaces());
    TestSubscriber<WatchEvent<ConfigMap>> s = informer.events().test();
    informer.start();
    s.assertError(ListWatchException.class);
    informer.synced().test().assertError(ListWatchException.class);
    informer.events().test().assertError(ListWatchException.class);
  }

  @Test
  void deliversToEachSubscriberOnTheDeliverySchedulerInOrder() {
    Informer<ConfigMap> informer = Informer.builder(server).build(); // default schedulers: real threads
    TestSubscriber<WatchEvent<ConfigMap>> first = informer.events().test();
    TestSubscriber<WatchEvent<ConfigMap>> second = informer.events().test();
    informer.start();
    informer.synced().blockingAwait(10, TimeUnit.SECONDS);
    for (int i = 0; i < 200; i++) {
      server.put("shop", "cm" + (i % 3), Integer.toString(i));
    }
    first.awaitCount(201);
    second.awaitCount(201);
    assertThat(first.values()).isEqualTo(second.values());
    assertThat(first.values().subList(1, 201)).extracting(e -> e.object().data().get("value"))
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 200).mapToObj(Integer::toString)
            .collect(Collectors.toList()));
    informer.stop();
    first.awaitDone(10, TimeUnit.SECONDS).assertComplete();
    TestSubscriber<WatchEvent<ConfigMap>> afterStop = informer.events().test();
    afterStop.awaitDone(10, TimeUnit.SECONDS).assertComplete().assertValueCount(3 + 1);
    assertThat(server.openConnections()).isZero();
  }
}
