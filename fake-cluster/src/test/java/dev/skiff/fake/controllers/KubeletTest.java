package dev.skiff.fake.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The nodes, the scheduler and the kubelet stand-in, with the test hooks. */
class KubeletTest {

  static String pod(String name, String labels, String restartPolicy, String extraSpec) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, labels: {%s}}
        spec:
          restartPolicy: %s
          containers: [{name: main, image: nginx}]
        %s""".formatted(name, labels, restartPolicy, extraSpec);
  }

  @Test
  void nodes_are_registered_ready_with_their_pod_cidr_and_capacity() throws Exception {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      c.settle();
      var nodes = c.client.list(Kinds.NODE, null, o -> true);
      assertThat(nodes).extracting(n -> n.path("metadata").path("name").asText())
          .containsExactly("node-1", "node-2", "node-3");
      ObjectNode n2 = nodes.get(1);
      assertThat(ClusterFixture.text(n2, "spec", "podCIDR")).isEqualTo("10.244.2.0/24");
      assertThat(Json.condition(n2, "Ready").path("status").asText()).isEqualTo("True");
      assertThat(ClusterFixture.text(n2, "status", "capacity", "pods")).isEqualTo("110");
    }
  }

  @Test
  void a_pod_is_scheduled_and_runs_with_an_ip_of_its_node() throws Exception {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      c.create(Kinds.POD, "default", pod("web", "app: web", "Always", ""));
      c.settle();
      ObjectNode pod = c.client.get(Kinds.POD, "default", "web").orElseThrow();
      String node = ClusterFixture.text(pod, "spec", "nodeName");
      assertThat(node).isEqualTo("node-1");
      assertThat(ClusterFixture.text(pod, "status", "phase")).isEqualTo("Running");
      assertThat(ClusterFixture.text(pod, "status", "podIP")).isEqualTo("10.244.1.2");
      assertThat(ClusterFixture.text(pod, "status", "hostIP")).isEqualTo("172.18.0.2");
      JsonNode cs = pod.path("status").path("containerStatuses").get(0);
      assertThat(cs.path("image").asText()).isEqualTo("docker.io/library/nginx:latest");
      assertThat(cs.path("state").has("running")).isTrue();
      assertThat(c.events("default", "web")).extracting(e -> e.path("reason").asText())
          .containsExactly("Scheduled", "Pulled", "Created", "Started");
    }
  }

  @Test
  void node_selector_and_preset_node_name_are_honoured() throws Exception {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      c.create(Kinds.POD, "default", pod("pinned", "a: b", "Always", "  nodeName: node-3\n"));
      c.create(Kinds.POD, "default", pod("picky", "a: b", "Always",
          "  nodeSelector: {kubernetes.io/hostname: node-2}\n"));
      c.create(Kinds.POD, "default", pod("nowhere", "a: b", "Always", "  nodeSelector: {disk: ssd}\n"));
      c.settle();
      assertThat(ClusterFixture.text(c.client.get(Kinds.POD, "default", "pinned").orElseThrow(), "status", "podIP"))
          .startsWith("10.244.3.");
      assertThat(ClusterFixture.text(c.client.get(Kinds.POD, "default", "picky").orElseThrow(), "spec", "nodeName"))
          .isEqualTo("node-2");
      ObjectNode nowhere = c.client.get(Kinds.POD, "default", "nowhere").orElseThrow();
      assertThat(ClusterFixture.text(nowhere, "spec", "nodeName")).isEmpty();
      JsonNode scheduled = Json.condition(nowhere, "PodScheduled");
      assertThat(scheduled.path("reason").asText()).isEqualTo("Unschedulable");
      assertThat(scheduled.path("message").asText()).isEqualTo("0/3 nodes are available: 3 node(s) didn't match "
          + "Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for "
          + "scheduling.");
      assertThat(c.events("default", "nowhere")).extracting(e -> e.path("reason").asText())
          .containsExactly("FailedScheduling");
    }
  }

  @Test
  void held_pods_stay_pending_until_released() throws Exception {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      c.kubelet().hold("app=slow");
      c.create(Kinds.POD, "default", pod("slow", "app: slow", "Always", ""));
      c.settle();
      ObjectNode held = c.client.get(Kinds.POD, "default", "slow").orElseThrow();
      assertThat(ClusterFixture.text(held, "status", "phase")).isEqualTo("Pending");
      assertThat(ClusterFixture.text(held, "spec", "nodeName")).isNotEmpty();
      assertThat(held.path("status").path("containerStatuses").get(0).path("state").path("waiting").path("reason")
          .asText()).isEqualTo("ContainerCreating");
      assertThat(c.get("/api/v1/namespaces/default/pods/slow/log").body)
          .contains("container \\\"main\\\" in pod \\\"slow\\\" is waiting to start: ContainerCreating");

      c.kubelet().release("app=slow");
      c.settle();
      assertThat(ClusterFixture.text(c.client.get(Kinds.POD, "default", "slow").orElseThrow(), "status", "phase"))
          .isEqualTo("Running");
    }
  }

  @Test
  void restart_policy_decides_what_a_failed_or_finished_pod_becomes() throws Exception {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      c.create(Kinds.POD, "default", pod("never", "a: b", "Never", ""));
      c.create(Kinds.POD, "default", pod("onfailure", "a: b", "OnFailure", ""));
      c.create(Kinds.POD, "default", pod("job", "a: b", "OnFailure", ""));
      c.settle();
      c.kubelet().fail("default", "never");
      c.kubelet().fail("default", "onfailure");
      c.kubelet().complete("default", "job");
      c.settle();

      ObjectNode never = c.client.get(Kinds.POD, "default", "never").orElseThrow();
      assertThat(ClusterFixture.text(never, "status", "phase")).isEqualTo("Failed");
      JsonNode terminated = never.path("status").path("containerStatuses").get(0).path("state").path("terminated");
      assertThat(terminated.path("exitCode").asInt()).isEqualTo(1);
      assertThat(terminated.path("reason").asText()).isEqualTo("Error");

      ObjectNode restarted = c.client.get(Kinds.POD, "default", "onfailure").orElseThrow();
      assertThat(ClusterFixture.text(restarted, "status", "phase")).isEqualTo("Running");
      assertThat(restarted.path("status").path("containerStatuses").get(0).path("restartCount").asInt()).isEqualTo(1);

      ObjectNode job = c.client.get(Kinds.POD, "default", "job").orElseThrow();
      assertThat(ClusterFixture.text(job, "status", "phase")).isEqualTo("Succeeded");
      assertThat(Json.podReady(job)).isFalse();
    }
  }

  @Test
  void logs_are_served_as_set_by_the_test_and_ips_are_released_on_deletion() throws Exception {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      c.create(Kinds.POD, "default", pod("talker", "a: b", "Always", ""));
      c.settle();
      assertThat(c.get("/api/v1/namespaces/default/pods/talker/log").body).isEmpty();
      c.kubelet().setLog("default", "talker", "hello\nworld\n");
      ClusterFixture.Answer log = c.get("/api/v1/namespaces/default/pods/talker/log");
      assertThat(log.status).isEqualTo(200);
      assertThat(log.contentType).isEqualTo("text/plain");
      assertThat(log.body).isEqualTo("hello\nworld\n");
      ClusterFixture.Answer other = c.get("/api/v1/namespaces/default/pods/talker/log?container=other");
      assertThat(other.status).isEqualTo(400);
      assertThat(other.body).contains("container other is not valid for pod talker");
      assertThat(c.kubelet().allocatedPodIps()).isEqualTo(1);

      // a scheduled pod is deleted gracefully: the kubelet confirms, then it is gone and its IP free
      ApiResponse deleted = c.client.delete(Kinds.POD, "default", "talker", null, null, null);
      assertThat(deleted.object().path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(30);
      c.settle();
      assertThat(c.client.get(Kinds.POD, "default", "talker")).isEmpty();
      assertThat(c.kubelet().allocatedPodIps()).isZero();
    }
  }
}
