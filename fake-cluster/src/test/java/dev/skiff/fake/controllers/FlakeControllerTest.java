package dev.skiff.fake.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The seed's flakeController (flaky-tests.md) as a valid v1 ReplicationController with 24 replicas, on a cluster
 * with nodes: its pods appear and run, finished containers are restarted, scaling to 0 stops them, and DELETE
 * removes the controller.
 */
class FlakeControllerTest {

  static final String FLAKE = """
      apiVersion: v1
      kind: ReplicationController
      metadata:
        name: %s
        labels: {name: flake}
      spec:
        replicas: 24
        selector: {name: flake}
        template:
          metadata:
            labels: {name: flake}
          spec:
            containers:
            - name: flake
              image: brendanburns/flake
              env:
              - {name: TEST_PACKAGE, value: pkg/tools}
              - {name: REPO_SPEC, value: "https://github.com/GoogleCloudPlatform/kubernetes"}
      """;

  @Test
  void the_seed_name_is_not_a_valid_v1_name() {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      ApiResponse r = c.client.create(Kinds.REPLICATION_CONTROLLER, "default", c.yaml(FLAKE.formatted("flakeController")));
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.message()).isEqualTo("ReplicationController \"flakeController\" is invalid: metadata.name: Invalid "
          + "value: \"flakeController\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
          + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
          + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }
  }

  @Test
  void pods_appear_and_run_scale_to_zero_stops_them_and_delete_removes_the_controller() throws Exception {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      ObjectNode rc = c.create(Kinds.REPLICATION_CONTROLLER, "default", FLAKE.formatted("flake-controller"));
      c.settle();

      List<ObjectNode> pods = c.pods("default");
      assertThat(pods).hasSize(24);
      Set<String> ips = new HashSet<>();
      for (ObjectNode pod : pods) {
        assertThat(ClusterFixture.text(pod, "metadata", "name")).startsWith("flake-controller-").hasSize(22);
        JsonNode ref = pod.path("metadata").path("ownerReferences").get(0);
        assertThat(ref.path("uid").asText()).isEqualTo(ClusterFixture.text(rc, "metadata", "uid"));
        assertThat(ref.path("controller").asBoolean()).isTrue();
        assertThat(ClusterFixture.text(pod, "status", "phase")).isEqualTo("Running");
        assertThat(ClusterFixture.text(pod, "spec", "nodeName")).matches("node-[123]");
        String ip = ClusterFixture.text(pod, "status", "podIP");
        String node = ClusterFixture.text(pod, "spec", "nodeName");
        assertThat(ip).startsWith("10.244." + node.substring(5) + ".");
        ips.add(ip);
        assertThat(Json.podReady(pod)).isTrue();
        assertThat(pod.path("status").path("containerStatuses").get(0).path("restartCount").asInt()).isZero();
      }
      assertThat(ips).as("one IP per pod").hasSize(24);

      ObjectNode status = (ObjectNode) c.client.get(Kinds.REPLICATION_CONTROLLER, "default", "flake-controller")
          .orElseThrow().get("status");
      assertThat(status.toString()).isEqualTo("{\"replicas\":24,\"fullyLabeledReplicas\":24,\"readyReplicas\":24,"
          + "\"availableReplicas\":24,\"observedGeneration\":1}");
      List<ObjectNode> events = c.events("default", "flake-controller");
      assertThat(events).hasSize(24).allSatisfy(e -> {
        assertThat(e.path("reason").asText()).isEqualTo("SuccessfulCreate");
        assertThat(e.path("message").asText()).startsWith("Created pod: flake-controller-");
        assertThat(e.path("source").path("component").asText()).isEqualTo("replication-controller");
      });

      // the flake test runs to completion and, with restartPolicy Always, is started again
      String first = ClusterFixture.text(pods.get(0), "metadata", "name");
      c.kubelet().complete("default", first);
      c.settle();
      ObjectNode restarted = c.client.get(Kinds.POD, "default", first).orElseThrow();
      JsonNode cs = restarted.path("status").path("containerStatuses").get(0);
      assertThat(cs.path("restartCount").asInt()).isEqualTo(1);
      assertThat(cs.path("lastState").path("terminated").path("reason").asText()).isEqualTo("Completed");
      assertThat(ClusterFixture.text(restarted, "status", "phase")).isEqualTo("Running");
      assertThat(ClusterFixture.text(restarted, "status", "podIP"))
          .isEqualTo(ClusterFixture.text(pods.get(0), "status", "podIP"));

      ObjectNode stop = c.yaml("spec: {replicas: 0}");
      assertThat(c.client.mergePatch(Kinds.REPLICATION_CONTROLLER, "default", "flake-controller", stop).status())
          .isEqualTo(200);
      c.settle();
      assertThat(c.pods("default")).isEmpty();
      assertThat(c.kubelet().allocatedPodIps()).as("IPs released").isZero();
      JsonNode stopped = c.client.get(Kinds.REPLICATION_CONTROLLER, "default", "flake-controller").orElseThrow()
          .get("status");
      assertThat(stopped.toString()).isEqualTo("{\"replicas\":0,\"observedGeneration\":2}");
      assertThat(c.events("default", "flake-controller"))
          .filteredOn(e -> e.path("reason").asText().equals("SuccessfulDelete")).hasSize(24);

      ApiResponse rm = c.client.delete(Kinds.REPLICATION_CONTROLLER, "default", "flake-controller", null, null, null);
      assertThat(rm.status()).isEqualTo(200);
      assertThat(rm.object().path("metadata").path("finalizers").toString()).isEqualTo("[\"orphan\"]");
      c.settle();
      assertThat(c.client.get(Kinds.REPLICATION_CONTROLLER, "default", "flake-controller")).isEmpty();
    }
  }
}
