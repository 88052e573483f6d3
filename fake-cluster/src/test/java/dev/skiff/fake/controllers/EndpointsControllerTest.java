package dev.skiff.fake.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Endpoints follow the ready and not-ready pods a Service selects. */
class EndpointsControllerTest {

  static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: web, labels: {tier: front}}
      spec:
        selector: {app: web}
        ports: [{name: http, port: 80, targetPort: http}]
      """;

  static String pod(String name, String app) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, labels: {app: %s}}
        spec:
          containers: [{name: main, image: nginx, ports: [{name: http, containerPort: 8080}]}]
        """.formatted(name, app);
  }

  @Test
  void endpoints_list_the_running_selected_pods_with_the_resolved_target_port() throws Exception {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      c.create(Kinds.SERVICE, "default", SERVICE);
      c.settle();
      ObjectNode empty = c.client.get(Kinds.ENDPOINTS, "default", "web").orElseThrow();
      assertThat(empty.has("subsets")).isFalse();
      assertThat(empty.path("metadata").path("labels").toString())
          .isEqualTo("{\"endpoints.kubernetes.io/managed-by\":\"endpoint-controller\",\"tier\":\"front\"}");

      c.create(Kinds.POD, "default", pod("web-1", "web"));
      c.create(Kinds.POD, "default", pod("web-2", "web"));
      c.create(Kinds.POD, "default", pod("db", "db"));
      c.settle();
      ObjectNode endpoints = c.client.get(Kinds.ENDPOINTS, "default", "web").orElseThrow();
      assertThat(endpoints.path("subsets").size()).isEqualTo(1);
      assertThat(endpoints.path("subsets").get(0).path("addresses")).extracting(a -> a.path("targetRef")
          .path("name").asText()).containsExactlyInAnyOrder("web-1", "web-2");
      assertThat(endpoints.path("subsets").get(0).path("ports").toString())
          .isEqualTo("[{\"name\":\"http\",\"port\":8080,\"protocol\":\"TCP\"}]");

      c.client.delete(Kinds.POD, "default", "web-1", null, 0L, null);
      c.settle();
      assertThat(c.client.get(Kinds.ENDPOINTS, "default", "web").orElseThrow().path("subsets").get(0)
          .path("addresses")).hasSize(1);

      c.client.delete(Kinds.SERVICE, "default", "web", null, null, null);
      c.settle();
      assertThat(c.client.get(Kinds.ENDPOINTS, "default", "web")).isEmpty();
    }
  }

  @Test
  void pods_that_are_not_ready_are_listed_under_not_ready_addresses() throws Exception {
    try (ClusterFixture c = ClusterFixture.controlPlaneOnly()) {
      c.create(Kinds.SERVICE, "default", SERVICE);
      ObjectNode pod = c.create(Kinds.POD, "default", pod("starting", "web"));
      c.settle();
      // without a kubelet, a client writes the status a kubelet would: an IP, not ready yet
      pod.with("status").put("phase", "Running").put("podIP", "10.244.1.7");
      pod.with("status").putArray("conditions").addObject().put("type", "Ready").put("status", "False");
      assertThat(c.client.updateStatus(Kinds.POD, pod).status()).isEqualTo(200);
      c.settle();
      ObjectNode endpoints = c.client.get(Kinds.ENDPOINTS, "default", "web").orElseThrow();
      assertThat(endpoints.path("subsets").get(0).has("addresses")).isFalse();
      assertThat(endpoints.path("subsets").get(0).path("notReadyAddresses").get(0).path("ip").asText())
          .isEqualTo("10.244.1.7");
    }
  }
}
