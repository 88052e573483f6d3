package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.core.v1.ConfigMap;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreloadsTest {

  @Test
  void encodes_model_objects_as_a_client_sends_them() {
    ObjectNode node = Preloads.fromModel(ConfigMap.builder()
        .metadata(ObjectMeta.builder().name("settings").namespace("demo").putLabels("app", "web").build())
        .putData("mode", "fast")
        .build());

    assertThat(node.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(node.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(node.path("metadata").path("namespace").asText()).isEqualTo("demo");
    assertThat(node.path("metadata").path("labels").path("app").asText()).isEqualTo("web");
    assertThat(node.path("data").path("mode").asText()).isEqualTo("fast");
  }

  @Test
  void reads_every_document_of_a_manifest_and_flattens_lists() {
    List<ObjectNode> objects = Preloads.fromYaml("""
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: demo
        ---
        # only a comment
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: a, namespace: demo}
        - apiVersion: example.com/v1
          kind: Widget
          metadata: {name: w, namespace: demo}
          spec: {size: 3}
        """);

    assertThat(objects).extracting(o -> o.path("kind").asText()).containsExactly("Namespace", "ConfigMap", "Widget");
    assertThat(objects.get(2).path("spec").path("size").asInt()).isEqualTo(3);
  }
}
