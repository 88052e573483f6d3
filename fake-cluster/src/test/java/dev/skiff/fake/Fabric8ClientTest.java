package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fabric8's kubernetes-client (its default Vert.x HTTP client) against the fake cluster, configured only from
 * the cluster's URL: typed CRUD on pods and config maps, and a watch over its default transport, WebSocket.
 * Each test works in a namespace of its own, so one cluster serves the class.
 */
@WithFakeCluster(perClass = true)
class Fabric8ClientTest {

  private static KubernetesClient client;

  @BeforeAll
  static void connect(FakeCluster cluster) {
    client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl(cluster.url().toString()).build())
        .build();
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  private static String namespace(String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  private static Pod pod(String name, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
        .build();
  }

  private static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> items) {
    return items.stream().map(o -> o.getMetadata().getName()).sorted().toList();
  }

  @Test
  void pods_create_get_list_update_patch_delete() {
    String ns = namespace("f8-pods");
    Pod created = client.pods().inNamespace(ns).resource(pod("p-1", Map.of("app", "a"))).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getNamespace()).isEqualTo(ns);
    client.pods().inNamespace(ns).resource(pod("p-2", Map.of("app", "b"))).create();

    Pod got = client.pods().inNamespace(ns).withName("p-1").get();
    assertThat(got.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(client.pods().inNamespace(ns).withName("nope").get()).isNull();

    assertThat(names(client.pods().inNamespace(ns).withLabel("app", "a").list().getItems())).containsExactly("p-1");
    assertThat(names(client.pods().inNamespace(ns).withLabelIn("app", "a", "b").list().getItems()))
        .containsExactly("p-1", "p-2");
    assertThat(names(client.pods().inNamespace(ns).withoutLabel("app", "a").list().getItems()))
        .containsExactly("p-2");

    // update: a PUT of the latest object (the kubelet stand-in may have changed its status meanwhile).
    Pod updated = client.pods().inNamespace(ns).withName("p-1")
        .edit(p -> new PodBuilder(p).editMetadata().addToLabels("tier", "fe").endMetadata().build());
    assertThat(updated.getMetadata().getLabels()).containsEntry("tier", "fe");
    Pod latest = new PodBuilder(client.pods().inNamespace(ns).withName("p-1").get())
        .editMetadata().addToAnnotations("owner", "team-a").endMetadata().build();
    Pod put = client.pods().inNamespace(ns).resource(latest).update();
    assertThat(put.getMetadata().getAnnotations()).containsEntry("owner", "team-a");

    Pod merged = client.pods().inNamespace(ns).withName("p-1")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"tier\":null,\"m\":\"1\"}}}");
    assertThat(merged.getMetadata().getLabels()).isEqualTo(Map.of("app", "a", "m", "1"));
    Pod strategic = client.pods().inNamespace(ns).withName("p-1").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}");
    assertThat(strategic.getSpec().getContainers()).singleElement()
        .satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx:1.28"));

    assertThat(client.pods().inNamespace(ns).withName("p-1").delete()).hasSize(1);
    // Graceful deletion: the kubelet stand-in finishes it; fabric8 waits with a LIST + WATCH on the name.
    assertThat(client.pods().inNamespace(ns).withName("p-1").waitUntilCondition(Objects::isNull, 30, TimeUnit.SECONDS))
        .isNull();
    assertThat(names(client.pods().inNamespace(ns).list().getItems())).containsExactly("p-2");
  }

  @Test
  void configmaps_create_get_list_update_patch_delete() {
    String ns = namespace("f8-cms");
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("cm-1").addToLabels("app", "a").endMetadata()
        .addToData("mode", "fast").build();
    ConfigMap created = client.configMaps().inNamespace(ns).resource(cm).create();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("cm-2")
        .addToLabels("app", "b").endMetadata().build()).create();

    assertThat(client.configMaps().inNamespace(ns).withName("cm-1").get().getData()).isEqualTo(Map.of("mode", "fast"));
    assertThat(names(client.configMaps().inNamespace(ns).withLabel("app", "b").list().getItems()))
        .containsExactly("cm-2");

    created.getData().put("mode", "slow");
    ConfigMap updated = client.configMaps().inNamespace(ns).resource(created).update();
    assertThat(updated.getData()).isEqualTo(Map.of("mode", "slow"));
    assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

    // A stale resourceVersion is a conflict.
    assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
        io.fabric8.kubernetes.client.KubernetesClientException.class,
        () -> client.configMaps().inNamespace(ns).resource(created).update()).getCode()).isEqualTo(409);

    ConfigMap patched = client.configMaps().inNamespace(ns).withName("cm-1")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"extra\":\"1\"}}");
    assertThat(patched.getData()).isEqualTo(Map.of("mode", "slow", "extra", "1"));
    // fabric8's default patch: a JSON Patch computed from the edit.
    ConfigMap edited = client.configMaps().inNamespace(ns).withName("cm-1")
        .edit(c -> new ConfigMapBuilder(c).removeFromData("extra").build());
    assertThat(edited.getData()).isEqualTo(Map.of("mode", "slow"));

    assertThat(client.configMaps().inNamespace(ns).withName("cm-1").delete()).hasSize(1);
    assertThat(client.configMaps().inNamespace(ns).withName("cm-1").get()).isNull();
    assertThat(names(client.configMaps().inNamespace(ns).list().getItems())).contains("cm-2").doesNotContain("cm-1");
  }

  @Test
  void watch_over_websocket_sees_added_modified_deleted() throws Exception {
    String ns = namespace("f8-watch");
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    CompletableFuture<WatcherException> closed = new CompletableFuture<>();
    try (Watch ignored = client.pods().inNamespace(ns).watch(new Watcher<Pod>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
        events.add(action + " " + pod.getMetadata().getName() + (labels.containsKey("seen") ? " seen" : ""));
      }

      @Override
      public void onClose(WatcherException cause) {
        closed.complete(cause);
      }
    })) {
      // watch() returns once the WebSocket is open, so nothing below can be missed.
      client.pods().inNamespace(ns).resource(pod("w-1", Map.of("app", "w"))).create();
      assertThat(await(events, "ADDED w-1"::equals)).as("events before ADDED").isEmpty();
      client.pods().inNamespace(ns).withName("w-1")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"seen\":\"yes\"}}}");
      await(events, "MODIFIED w-1 seen"::equals);
      client.pods().inNamespace(ns).withName("w-1").delete();
      await(events, "DELETED w-1 seen"::equals);
      assertThat(closed).as("the watch is still open").isNotDone();
    }
  }

  /** Takes events until one matches, failing after a bound; returns what it skipped (for the message). */
  private static List<String> await(BlockingQueue<String> events, Predicate<String> wanted) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      String event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("no matching watch event within 20 s; saw " + seen);
      }
      if (wanted.test(event)) {
        return seen;
      }
      seen.add(event);
    }
  }
}
