package dev.skiff.fake.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Namespace deletion cascades, and waits with the real conditions while content with finalizers remains. */
class NamespaceControllerTest {

  @Test
  void a_deleted_namespace_reports_what_holds_it_and_goes_once_empty() throws Exception {
    try (ClusterFixture c = ClusterFixture.withKubelet()) {
      Kinds.Kind namespaces = Kinds.of("v1", "Namespace");
      Kinds.Kind configMaps = Kinds.of("v1", "ConfigMap");
      c.create(namespaces, "", "{apiVersion: v1, kind: Namespace, metadata: {name: doomed}}");
      c.create(configMaps, "doomed",
          "{apiVersion: v1, kind: ConfigMap, metadata: {name: held, finalizers: [example.com/hold]}}");
      c.create(Kinds.POD, "doomed", KubeletTest.pod("worker", "a: b", "Always", ""));
      c.settle();

      assertThat(c.client.delete(namespaces, "", "doomed", null, null, null).status()).isEqualTo(200);
      c.settle();
      assertThat(c.pods("doomed")).isEmpty();
      ObjectNode ns = c.client.get(namespaces, "", "doomed").orElseThrow();
      assertThat(ClusterFixture.text(ns, "status", "phase")).isEqualTo("Terminating");
      assertThat(Json.condition(ns, "NamespaceContentRemaining").path("message").asText())
          .isEqualTo("Some resources are remaining: configmaps has 1 resource instances");
      assertThat(Json.condition(ns, "NamespaceFinalizersRemaining").path("message").asText())
          .isEqualTo("Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances");
      assertThat(Json.condition(ns, "NamespaceDeletionContentFailure").path("reason").asText())
          .isEqualTo("ContentDeleted");
      // new content is refused meanwhile
      assertThat(c.client.create(configMaps, "doomed", c.yaml("{metadata: {name: late}}")).status()).isEqualTo(403);

      assertThat(c.client.mergePatch(configMaps, "doomed", "held", c.yaml("{metadata: {finalizers: null}}")).status())
          .isEqualTo(200);
      c.settle();
      assertThat(c.client.get(configMaps, "doomed", "held")).isEmpty();
      assertThat(c.client.get(namespaces, "", "doomed")).isEmpty();
    }
  }
}
