package dev.skiff.watch;

import static dev.skiff.watch.LiveCluster.NS;
import static dev.skiff.watch.LiveCluster.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.DeleteOptions;
import dev.skiff.client.PodClient;
import dev.skiff.fake.FakeCluster;
import dev.skiff.fake.faults.FaultRule;
import dev.skiff.fake.faults.RequestMatcher;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.core.v1.ConfigMap;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.meta.v1.ObjectMeta;
import io.reactivex.rxjava3.disposables.Disposable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Watch streams and informers over a KubeClient, end to end against the fake cluster. */
class KubeWatchTest {
  private static final String POD_PATH = "/api/v1/namespaces/" + NS + "/pods";
  private static final String MAP_PATH = "/api/v1/namespaces/" + NS + "/configmaps";

  /** Collects a stream's events and the error that ended it, if any. */
  private static final class Seen<T extends dev.skiff.model.KubernetesObject> {
    final List<WatchEvent<T>> events = new CopyOnWriteArrayList<>();
    volatile Throwable error;

    Disposable subscribe(io.reactivex.rxjava3.core.Flowable<WatchEvent<T>> flowable) {
      return flowable.subscribe(events::add, e -> error = e);
    }

    long count(WatchEvent.Type type) {
      return events.stream().filter(e -> e.type() == type).count();
    }

    /** Events as {@code TYPE name}, markers and the cluster's own pod status changes left out. */
    List<String> changes() {
      return events.stream().filter(e -> e.type() != WatchEvent.Type.SYNCED)
          .filter(e -> !isPodStatusChange(e))
          .map(e -> e.type() + " " + e.object().metadata().name()
              + (e.finalStateUnknown() ? " (unknown)" : ""))
          .collect(Collectors.toList());
    }

    void awaitSize(int n) {
      Await.until(n + " events, have " + events, () -> events.size() >= n);
    }
  }

  /**
   * Whether an event is a pod modification that left the labels alone: these tests change only labels, so it
   * comes from the cluster (a kubelet reporting status), and whether it happens depends on what the cluster runs.
   */
  private static boolean isPodStatusChange(WatchEvent<?> e) {
    return e.type() == WatchEvent.Type.MODIFIED && e.object() instanceof Pod
        && e.oldObject().get().metadata().labels().equals(e.object().metadata().labels());
  }

  private static Pod relabel(Pod pod, String app) {
    Map<String, String> labels = new HashMap<>(pod.metadata().labels());
    labels.put("app", app);
    return pod.withMetadata(pod.metadata().withLabels(labels));
  }

  @Test
  void watchesPodsByLabelAsTheyAreCreatedChangedRelabelledAndDeleted() {
    try (LiveCluster live = new LiveCluster(FakeCluster.builder())) {
      PodClient pods = live.client.pods(NS);
      pods.create(pod("web-0", Map.of("app", "web")));
      pods.create(pod("db-0", Map.of("app", "db")));
      Seen<Pod> seen = new Seen<>();
      Disposable d = seen.subscribe(KubeWatch.of(live.client)
          .events(ResourceTypes.PODS, Scope.namespace(NS).withLabels("app=web")));
      seen.awaitSize(2);
      assertThat(seen.events.get(1).type()).isEqualTo(WatchEvent.Type.SYNCED);

      pods.create(pod("web-1", Map.of("app", "web")));
      pods.create(pod("db-1", Map.of("app", "db")));
      Pod tiered = pods.edit("web-1", p -> p.withMetadata(p.metadata().withLabels(
          Map.of("app", "web", "tier", "fe"))));
      pods.edit("web-1", p -> relabel(p, "db"));
      pods.edit("db-1", p -> relabel(p, "web"));
      pods.delete("db-1", DeleteOptions.builder().gracePeriodSeconds(0).build());
      Await.until("6 changes, have " + seen.events, () -> seen.changes().size() >= 6);

      assertThat(seen.changes()).containsExactly("ADDED web-0", "ADDED web-1", "MODIFIED web-1",
          "DELETED web-1", "ADDED db-1", "DELETED db-1");
      WatchEvent<Pod> modified = seen.events.stream().filter(e -> e.type() == WatchEvent.Type.MODIFIED
          && e.object().metadata().labels().containsKey("tier")
          && !e.oldObject().get().metadata().labels().containsKey("tier")).findFirst().orElseThrow();
      assertThat(modified.object().metadata().labels()).containsEntry("tier", "fe");
      assertThat(modified.object().metadata().resourceVersion()).isEqualTo(tiered.metadata().resourceVersion());
      assertThat(modified.oldObject()).get().satisfies(old -> assertThat(old.metadata().labels())
          .doesNotContainKey("tier"));
      assertThat(seen.error).isNull();
      d.dispose();
      Await.until("the watch connection closed", () -> live.cluster.faults().openWatches() == 0);
    }
  }

  @Test
  void resumesFromTheLastVersionAfterADroppedConnection() {
    try (LiveCluster live = new LiveCluster(FakeCluster.builder())) {
      Seen<ConfigMap> seen = new Seen<>();
      Disposable d = seen.subscribe(KubeWatch.builder(live.client).watchOptions(LiveCluster.quickOptions()).build()
          .events(ResourceTypes.CONFIGMAPS, Scope.namespace(NS)));
      seen.awaitSize(1);
      Await.until("the watch is open", () -> live.cluster.faults().openWatches() == 1);

      live.client.configMaps(NS).create(configMap("before", "1"));
      seen.awaitSize(2);
      assertThat(live.cluster.faults().dropWatches()).isEqualTo(1);
      live.client.configMaps(NS).create(configMap("after", "1"));
      seen.awaitSize(3);

      assertThat(seen.changes()).containsExactly("ADDED before", "ADDED after");
      assertThat(seen.count(WatchEvent.Type.SYNCED)).as("resumed, not relisted").isEqualTo(1);
      d.dispose();
    }
  }

  @Test
  void relistsAfter410AndReportsWhatChangedMeanwhile() {
    try (LiveCluster live = new LiveCluster(FakeCluster.builder().watchHistorySize(3))) {
      var maps = live.client.configMaps(NS);
      maps.create(configMap("kept", "1"));
      maps.create(configMap("changed", "1"));
      maps.create(configMap("deleted", "1"));
      Seen<ConfigMap> seen = new Seen<>();
      Disposable d = seen.subscribe(KubeWatch.builder(live.client).watchOptions(LiveCluster.quickOptions()).build()
          .events(ResourceTypes.CONFIGMAPS, Scope.namespace(NS)));
      seen.awaitSize(4);
      Await.until("the watch is open", () -> live.cluster.faults().openWatches() == 1);

      // The reconnection carries the version from before the changes below; holding it at the server while
      // they happen pushes that version out of the short history, whenever the client reconnects.
      FaultRule slow = live.cluster.faults().addLatency(
          RequestMatcher.of("GET", "/api/v1/namespaces/" + NS + "/configmaps").watchesOnly(), Duration.ofSeconds(2));
      live.cluster.faults().dropWatches();
      maps.edit("changed", c -> c.withData(Map.of("v", "2")));
      maps.delete("deleted");
      for (int i = 0; i < 4; i++) {
        maps.create(configMap("new-" + i, "1"));
      }
      Await.until("a relist", () -> seen.count(WatchEvent.Type.SYNCED) == 2);
      slow.remove();

      assertThat(seen.changes()).containsExactly("ADDED changed", "ADDED deleted", "ADDED kept",
          "DELETED deleted (unknown)", "MODIFIED changed", "ADDED new-0", "ADDED new-1", "ADDED new-2",
          "ADDED new-3");
      Map<String, String> view = new TreeMap<>();
      seen.events.stream().filter(e -> e.type() != WatchEvent.Type.SYNCED).forEach(e -> {
        if (e.type() == WatchEvent.Type.DELETED) {
          view.remove(e.object().metadata().name());
        } else {
          view.put(e.object().metadata().name(), e.object().metadata().resourceVersion());
        }
      });
      Map<String, String> server = new TreeMap<>();
      maps.listAll().forEach(c -> server.put(c.metadata().name(), c.metadata().resourceVersion()));
      assertThat(view).isEqualTo(server);
      d.dispose();
    }
  }

  @Test
  void anInformerSyncsAndItsListerMatchesAList() {
    try (LiveCluster live = new LiveCluster(FakeCluster.builder())) {
      PodClient pods = live.client.pods(NS);
      for (int i = 0; i < 5; i++) {
        pods.create(pod("p" + i, Map.of("app", i % 2 == 0 ? "web" : "db")));
      }
      SharedInformerFactory informers = KubeWatch.builder(live.client)
          .watchOptions(LiveCluster.quickOptions().toBuilder().pageSize(2).build()).build().informers();
      Informer<Pod> web = informers.informer(ResourceTypes.PODS, Scope.namespace(NS).withLabels("app=web"));
      assertThat(informers.informer(ResourceTypes.PODS, Scope.namespace(NS).withLabels("app=web")))
          .as("shared").isSameAs(web);
      informers.start();
      informers.synced().blockingAwait();
      assertThat(web.hasSynced()).isTrue();
      assertThat(names(web.lister().list())).isEqualTo(names(pods.list("app=web").items()));

      pods.create(pod("p5", Map.of("app", "web")));
      pods.delete("p0", DeleteOptions.builder().gracePeriodSeconds(0).build());
      Await.until("the cache follows", () -> names(web.lister().list()).equals(List.of("p2", "p4", "p5")));
      Await.until("the cache equals a list", () -> versions(web.lister().list())
          .equals(versions(pods.list("app=web").items())));
      informers.stop();
    }
  }

  @Test
  void errorsTheServerKeepsGivingEndTheStreamWithTheStatus() {
    try (LiveCluster live = new LiveCluster(FakeCluster.builder())) {
      live.cluster.faults().failNext(1, RequestMatcher.of("GET", POD_PATH), 403);
      Seen<Pod> seen = new Seen<>();
      seen.subscribe(KubeWatch.of(live.client).events(ResourceTypes.PODS, Scope.namespace(NS)));
      Await.until("the stream failed", () -> seen.error != null);
      assertThat(seen.error).isInstanceOf(ListWatchException.class);
      assertThat(((ListWatchException) seen.error).statusCode()).isEqualTo(403);
      assertThat(((ListWatchException) seen.error).reason()).isEqualTo("Forbidden");
    }
  }

  @Test
  void transientErrorsAreRetriedUntilTheStreamWorks() {
    try (LiveCluster live = new LiveCluster(FakeCluster.builder())) {
      FaultRule lists = live.cluster.faults().failNext(3, RequestMatcher.of("GET", MAP_PATH).exceptWatches(), 503);
      FaultRule watches = live.cluster.faults().tooManyRequests(3, RequestMatcher.of("GET", MAP_PATH).watchesOnly(),
          Duration.ofSeconds(1));
      Seen<ConfigMap> seen = new Seen<>();
      Disposable d = seen.subscribe(KubeWatch.builder(live.client).watchOptions(LiveCluster.quickOptions()).build()
          .events(ResourceTypes.CONFIGMAPS, Scope.namespace(NS)));
      Await.until("the watch is open", () -> live.cluster.faults().openWatches() == 1);
      live.client.configMaps(NS).create(configMap("late", "1"));
      seen.awaitSize(2);
      assertThat(seen.changes()).containsExactly("ADDED late");
      assertThat(lists.remaining()).isZero();
      assertThat(watches.remaining()).isZero();
      assertThat(seen.error).isNull();
      d.dispose();
    }
  }

  @Test
  void anExpiredResumeVersionIsReportedAsResourceExpired() {
    try (LiveCluster live = new LiveCluster(FakeCluster.builder())) {
      ConfigMap first = live.client.configMaps(NS).create(configMap("a", "1"));
      live.client.configMaps(NS).create(configMap("b", "1"));
      live.cluster.faults().expireWatchHistory();
      ListWatch<ConfigMap> access = KubeWatch.of(live.client).listWatch(ResourceTypes.CONFIGMAPS);
      assertThatThrownBy(() -> access.watch(new WatchRequest(Scope.namespace(NS),
          first.metadata().resourceVersion(), true, 5)).blockingFirst())
          .isInstanceOf(ResourceExpiredException.class);
      Page<ConfigMap> page = access.list(new ListRequest(Scope.namespace(NS), "", "", 1));
      assertThat(page.items()).hasSize(1);
      assertThat(page.continueToken()).isNotEmpty();
    }
  }

  private static ConfigMap configMap(String name, String value) {
    return ConfigMap.builder().metadata(ObjectMeta.builder().name(name).build()).putData("v", value).build();
  }

  private static Map<String, String> versions(List<Pod> pods) {
    Map<String, String> m = new TreeMap<>();
    pods.forEach(p -> m.put(p.metadata().name(), p.metadata().resourceVersion()));
    return m;
  }

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.metadata().name()).sorted().collect(Collectors.toList());
  }
}
