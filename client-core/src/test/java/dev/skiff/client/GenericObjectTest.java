package dev.skiff.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.model.ResourceType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The untyped form of custom resources: copies, metadata access, changes. */
class GenericObjectTest {
  @Test
  void theTreeIsCopiedAndUnmodifiable() {
    Map<String, Object> spec = new HashMap<>(Map.of("cronSpec", "0 3 * * *"));
    GenericObject tab = GenericObject.of(Map.of("apiVersion", "stable.example.com/v1", "kind", "CronTab",
        "metadata", Map.of("name", "nightly", "labels", Map.of("team", "a")), "spec", spec));
    spec.put("cronSpec", "changed");
    assertThat(tab.get("spec")).isEqualTo(Map.of("cronSpec", "0 3 * * *"));
    assertThatThrownBy(() -> tab.toMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(tab.apiVersion()).isEqualTo("stable.example.com/v1");
    assertThat(tab.kind()).isEqualTo("CronTab");
    assertThat(tab.metadata().name()).isEqualTo("nightly");
    assertThat(tab.metadata().labels()).containsEntry("team", "a");
  }

  @Test
  void changesReturnCopies() {
    GenericObject tab = GenericObject.of(Map.of("metadata", Map.of("name", "nightly"), "spec", Map.of("a", 1)));
    GenericObject relabelled = tab.withMetadata(tab.metadata().withLabels(Map.of("team", "b")));
    assertThat(relabelled.metadata().labels()).containsEntry("team", "b");
    assertThat(relabelled.toMap().get("metadata")).isEqualTo(Map.of("name", "nightly", "labels", Map.of("team", "b")));
    assertThat(tab.metadata().labels()).isEmpty();
    GenericObject withoutSpec = tab.with("spec", null).with("status", List.of("x"));
    assertThat(withoutSpec.toMap()).containsOnlyKeys("metadata", "status");
    assertThat(withoutSpec).isNotEqualTo(tab).isEqualTo(GenericObject.of(withoutSpec.toMap()));
  }

  @Test
  void resourceTypesForCustomResources() {
    ResourceType<GenericObject> crontabs = GenericObject.resourceType("stable.example.com", "v1", "CronTab",
        "crontabs").namespaced(true).build();
    assertThat(crontabs.collectionPath("demo")).isEqualTo("/apis/stable.example.com/v1/namespaces/demo/crontabs");
    assertThat(crontabs.listType()).isEqualTo(GenericObjectList.class);
    assertThat(crontabs.supports("deletecollection")).isTrue();
  }
}
