package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder's switches for what runs behind the API, seen over HTTP as any client sees the cluster. */
class ClusterBehindTheApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RC = """
      apiVersion: v1
      kind: ReplicationController
      metadata: {name: web, namespace: default}
      spec:
        replicas: 2
        selector: {app: web}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx}]}
      """;

  private static JsonNode get(FakeCluster cluster, String path) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String body = client.send(HttpRequest.newBuilder(URI.create(cluster.url() + path)).build(), BodyHandlers.ofString())
        .body();
    return JSON.readTree(body);
  }

  @Test
  void by_default_pods_of_a_preloaded_controller_run_on_three_nodes_and_logs_are_served() throws Exception {
    try (FakeCluster cluster = FakeCluster.builder().preloadYaml(RC).start()) {
      assertThat(cluster.awaitQuiescent(Duration.ofSeconds(30))).isTrue();
      JsonNode pods = get(cluster, "/api/v1/namespaces/default/pods").path("items");
      assertThat(pods).hasSize(2).allSatisfy(p -> assertThat(p.path("status").path("phase").asText())
          .isEqualTo("Running"));
      assertThat(get(cluster, "/api/v1/nodes").path("items")).hasSize(3);
      String name = pods.get(0).path("metadata").path("name").asText();
      cluster.kubelet().setLog("default", name, "ready\n");
      String log = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.url()
          + "/api/v1/namespaces/default/pods/" + name + "/log")).build(), BodyHandlers.ofString()).body();
      assertThat(log).isEqualTo("ready\n");
    }
  }

  @Test
  void without_the_kubelet_pods_stay_pending_and_unscheduled() throws Exception {
    try (FakeCluster cluster = FakeCluster.builder().kubelet(false).preloadYaml(RC).start()) {
      assertThat(cluster.awaitQuiescent(Duration.ofSeconds(30))).isTrue();
      JsonNode pods = get(cluster, "/api/v1/namespaces/default/pods").path("items");
      assertThat(pods).hasSize(2).allSatisfy(p -> {
        assertThat(p.path("status").path("phase").asText()).isEqualTo("Pending");
        assertThat(p.path("spec").has("nodeName")).isFalse();
      });
      assertThat(get(cluster, "/api/v1/nodes").path("items")).isEmpty();
      assertThatThrownBy(cluster::kubelet).isInstanceOf(IllegalStateException.class).hasMessageContaining("kubelet");
    }
  }

  @Test
  void controllers_can_be_switched_off_altogether_or_one_by_one() throws Exception {
    try (FakeCluster off = FakeCluster.builder().controllers(false).preloadYaml(RC).start();
        FakeCluster noRc = FakeCluster.builder().controller("replicationcontroller", false).preloadYaml(RC).start()) {
      assertThat(off.awaitQuiescent(Duration.ofSeconds(30))).isTrue();
      assertThat(noRc.awaitQuiescent(Duration.ofSeconds(30))).isTrue();
      assertThat(get(off, "/api/v1/namespaces/default/pods").path("items")).isEmpty();
      assertThat(get(noRc, "/api/v1/namespaces/default/pods").path("items")).isEmpty();
      assertThat(get(noRc, "/api/v1/nodes").path("items")).hasSize(3);
    }
  }
}
