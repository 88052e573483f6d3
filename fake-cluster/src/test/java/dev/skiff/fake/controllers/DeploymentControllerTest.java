package dev.skiff.fake.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deployments create and scale ReplicaSets with the pod-template-hash and roll out new templates. */
class DeploymentControllerTest {

  static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 4
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: main, image: "nginx:1.27"}]}
      """;

  @Test
  void a_deployment_runs_its_pods_through_a_hashed_replica_set_and_rolls_out_a_new_template() throws Exception {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      c.create(Kinds.DEPLOYMENT, "default", DEPLOYMENT);
      c.settle();
      List<ObjectNode> sets = c.client.list(Kinds.REPLICA_SET, "default", o -> true);
      assertThat(sets).hasSize(1);
      ObjectNode rs = sets.get(0);
      String hash = ClusterFixture.text(rs, "metadata", "labels", "pod-template-hash");
      assertThat(ClusterFixture.text(rs, "metadata", "name")).isEqualTo("web-" + hash);
      assertThat(ClusterFixture.text(rs, "spec", "selector", "matchLabels", "pod-template-hash")).isEqualTo(hash);
      assertThat(ClusterFixture.text(rs, "metadata", "annotations", "deployment.kubernetes.io/revision"))
          .isEqualTo("1");
      assertThat(c.pods("default")).hasSize(4).allSatisfy(p ->
          assertThat(ClusterFixture.text(p, "metadata", "labels", "pod-template-hash")).isEqualTo(hash));
      ObjectNode d = c.client.get(Kinds.DEPLOYMENT, "default", "web").orElseThrow();
      assertThat(d.path("status").path("availableReplicas").asInt()).isEqualTo(4);
      assertThat(d.path("status").path("updatedReplicas").asInt()).isEqualTo(4);
      assertThat(Json.condition(d, "Available").path("status").asText()).isEqualTo("True");
      assertThat(Json.condition(d, "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetAvailable");

      ObjectNode patch = c.yaml("spec: {template: {spec: {containers: [{name: main, image: \"nginx:1.28\"}]}}}");
      assertThat(c.client.mergePatch(Kinds.DEPLOYMENT, "default", "web", patch).status()).isEqualTo(200);
      c.settle();
      List<ObjectNode> after = c.client.list(Kinds.REPLICA_SET, "default", o -> true);
      assertThat(after).hasSize(2);
      for (ObjectNode s : after) {
        boolean isNew = !ClusterFixture.text(s, "metadata", "name").equals("web-" + hash);
        assertThat(s.path("spec").path("replicas").asInt()).isEqualTo(isNew ? 4 : 0);
      }
      assertThat(c.pods("default")).hasSize(4).allSatisfy(p -> assertThat(p.path("spec").path("containers").get(0)
          .path("image").asText()).isEqualTo("nginx:1.28"));
      assertThat(c.events("default", "web")).extracting(e -> e.path("reason").asText()).contains("ScalingReplicaSet");
    }
  }
}
