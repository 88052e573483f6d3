package dev.skiff.fake.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Owner references are collected with background, foreground and orphan propagation. */
class GarbageCollectorTest {

  static String replicaSet(String name) {
    return """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: %s}
        spec:
          replicas: 2
          selector: {matchLabels: {rs: %s}}
          template:
            metadata: {labels: {rs: %s}}
            spec: {containers: [{name: main, image: nginx}]}
        """.formatted(name, name, name);
  }

  @Test
  void background_deletion_removes_the_dependents_after_the_owner() throws Exception {
    try (ClusterFixture c = ClusterFixture.controlPlaneOnly()) {
      c.create(Kinds.REPLICA_SET, "default", replicaSet("bg"));
      c.settle();
      assertThat(c.pods("default")).hasSize(2);
      ApiResponse r = c.client.delete(Kinds.REPLICA_SET, "default", "bg", null, null, null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(c.client.get(Kinds.REPLICA_SET, "default", "bg")).isEmpty();
      c.settle();
      assertThat(c.pods("default")).isEmpty();
    }
  }

  @Test
  void foreground_deletion_keeps_the_owner_until_its_dependents_are_gone() throws Exception {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      c.create(Kinds.REPLICA_SET, "default", replicaSet("fg"));
      c.settle();
      ApiResponse r = c.client.delete(Kinds.REPLICA_SET, "default", "fg", "Foreground", null, null);
      assertThat(r.object().path("metadata").path("finalizers").toString()).isEqualTo("[\"foregroundDeletion\"]");
      assertThat(r.object().path("metadata").has("deletionTimestamp")).isTrue();
      c.settle();
      assertThat(c.pods("default")).isEmpty();
      assertThat(c.client.get(Kinds.REPLICA_SET, "default", "fg")).isEmpty();
    }
  }

  @Test
  void orphan_deletion_keeps_the_dependents_without_the_owner_reference() throws Exception {
    try (ClusterFixture c = ClusterFixture.controlPlaneOnly()) {
      c.create(Kinds.REPLICA_SET, "default", replicaSet("or"));
      c.settle();
      c.client.delete(Kinds.REPLICA_SET, "default", "or", "Orphan", null, null);
      c.settle();
      assertThat(c.client.get(Kinds.REPLICA_SET, "default", "or")).isEmpty();
      assertThat(c.pods("default")).hasSize(2).allSatisfy(p ->
          assertThat(p.path("metadata").has("ownerReferences")).isFalse());
    }
  }

  @Test
  void an_object_whose_owner_never_existed_is_collected() throws Exception {
    try (ClusterFixture c = ClusterFixture.controlPlaneOnly()) {
      ObjectNode cm = c.yaml("""
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: dangling
            ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: gone, uid: 0d5b3b5e-0000-4000-8000-000000000000}]
          """);
      assertThat(c.client.create(Kinds.of("v1", "ConfigMap"), "default", cm).status()).isEqualTo(201);
      c.settle();
      assertThat(c.client.get(Kinds.of("v1", "ConfigMap"), "default", "dangling")).isEmpty();
    }
  }
}
