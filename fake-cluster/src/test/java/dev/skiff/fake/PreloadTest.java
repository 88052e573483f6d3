package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.model.core.v1.ConfigMap;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;

/** Objects handed to the builder exist when the cluster starts, created as a client would create them. */
class PreloadTest {

  private static JsonNode get(FakeCluster cluster, String path) throws Exception {
    String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.url() + path)).build(),
        BodyHandlers.ofString()).body();
    return new ObjectMapper().readTree(body);
  }

  @Test
  void model_objects_and_manifests_are_there_at_start() throws Exception {
    FakeCluster.Builder builder = FakeCluster.builder()
        // The pod's namespace is declared after it: namespaces are created first anyway.
        .preloadYaml("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: demo, labels: {app: web}}
            spec:
              containers: [{name: web, image: "nginx:1.27"}]
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: demo}
            """)
        .preload(ConfigMap.builder()
            .metadata(ObjectMeta.builder().name("settings").namespace("default").build())
            .putData("mode", "fast")
            .build());
    try (FakeCluster cluster = builder.start()) {
      JsonNode pod = get(cluster, "/api/v1/namespaces/demo/pods/web-1");
      assertThat(pod.path("metadata").path("uid").asText()).isNotEmpty(); // created by the server: uid, defaults
      assertThat(pod.path("spec").path("containers").get(0).path("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
      assertThat(get(cluster, "/api/v1/namespaces/default/configmaps/settings").path("data").path("mode").asText())
          .isEqualTo("fast");
    }
    // The builder is a template: a second cluster from it has its own copies.
    try (FakeCluster again = builder.start()) {
      assertThat(get(again, "/api/v1/namespaces/demo/pods/web-1").path("kind").asText()).isEqualTo("Pod");
    }
  }

  @Test
  void an_invalid_object_fails_start_with_the_servers_reason() {
    FakeCluster.Builder builder = FakeCluster.builder().preloadYaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: Not_A_Valid_Name, namespace: default}
        """);
    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot preload ConfigMap Not_A_Valid_Name");
  }
}
