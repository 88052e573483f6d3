package dev.skiff.client;

import dev.skiff.model.KubernetesObject;
import dev.skiff.model.Nullable;
import dev.skiff.model.ResourceType;
import dev.skiff.model.codec.ModelCodec;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An object of any kind, held as its JSON tree (maps, lists, strings, numbers, booleans): the untyped form
 * for custom resources and kinds Skiff has no model class for. Immutable; {@link #with} returns a copy.
 *
 * <pre>{@code
 * ResourceType<GenericObject> crontabs = GenericObject.resourceType("stable.example.com", "v1", "CronTab", "crontabs")
 *     .namespaced(true).build();
 * GenericObject tab = GenericObject.of(Map.of(
 *     "apiVersion", "stable.example.com/v1", "kind", "CronTab",
 *     "metadata", Map.of("name", "nightly"),
 *     "spec", Map.of("cronSpec", "0 3 * * *")));
 * client.resources(crontabs).inNamespace("demo").create(tab);
 * }</pre>
 */
public final class GenericObject implements KubernetesObject {
  private final Map<String, Object> map;
  private volatile ObjectMeta metadata;

  private GenericObject(Map<String, Object> map) {
    this.map = map;
  }

  /**
   * Wraps a JSON tree; the tree is copied, so later changes to it do not show.
   *
   * @param object the object's fields, e.g. {@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}
   * @return the object
   */
  public static GenericObject of(Map<?, ?> object) {
    return new GenericObject(copyMap(Objects.requireNonNull(object, "object")));
  }

  /**
   * Starts describing a resource whose objects are handled as {@link GenericObject}s. Add
   * {@code .namespaced(true)}, and the {@code scale} or {@code status} subresources if the resource has them,
   * then {@code build()}.
   *
   * @param group the API group, e.g. {@code stable.example.com}
   * @param version the version, e.g. {@code v1}
   * @param kind the kind, e.g. {@code CronTab}
   * @param plural the resource name in URLs, e.g. {@code crontabs}
   * @return a resource type builder
   */
  public static ResourceType.Builder<GenericObject> resourceType(String group, String version, String kind,
      String plural) {
    return ResourceType.builder(GenericObject.class, GenericObjectList.class)
        .group(group).version(version).kind(kind).plural(plural)
        .verbs(List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"));
  }

  /** @return the {@code apiVersion} field, or null */
  @Override
  public @Nullable String apiVersion() {
    return map.get("apiVersion") instanceof String s ? s : null;
  }

  /** @return the {@code kind} field, or null */
  @Override
  public @Nullable String kind() {
    return map.get("kind") instanceof String s ? s : null;
  }

  /** @return the {@code metadata} field decoded as {@link ObjectMeta}, or null when absent */
  @Override
  public @Nullable ObjectMeta metadata() {
    ObjectMeta m = metadata;
    if (m == null && map.get("metadata") instanceof Map<?, ?> raw) {
      ModelCodec codec = ModelCodec.standard();
      m = codec.readJson(codec.writeJsonBytes(raw), ObjectMeta.class);
      metadata = m;
    }
    return m;
  }

  /**
   * A top-level field, e.g. {@code spec}.
   *
   * @param field the field name
   * @return its value (an unmodifiable map or list, a string, number or boolean), or null when absent
   */
  public @Nullable Object get(String field) {
    return map.get(field);
  }

  /**
   * A copy with a top-level field set.
   *
   * @param field the field name
   * @param value the new value: a map, list, string, number, boolean or model object; null removes the field
   * @return the changed copy
   */
  public GenericObject with(String field, @Nullable Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(map);
    if (value == null) {
      copy.remove(field);
    } else {
      copy.put(field, value instanceof ObjectMeta meta ? metaAsMap(meta) : copyValue(value));
    }
    return new GenericObject(Collections.unmodifiableMap(copy));
  }

  /**
   * A copy with new metadata, e.g. to change labels in an {@code edit}.
   *
   * @param metadata the new metadata
   * @return the changed copy
   */
  public GenericObject withMetadata(ObjectMeta metadata) {
    return with("metadata", metadata);
  }

  /** @return the whole object as an unmodifiable JSON tree */
  public Map<String, Object> toMap() {
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenericObject g && g.map.equals(map);
  }

  @Override
  public int hashCode() {
    return map.hashCode();
  }

  @Override
  public String toString() {
    return "GenericObject" + map;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metaAsMap(ObjectMeta meta) {
    ModelCodec codec = ModelCodec.standard();
    return copyMap(codec.readJson(codec.writeJsonBytes(meta), Map.class));
  }

  private static Map<String, Object> copyMap(Map<?, ?> source) {
    Map<String, Object> copy = new LinkedHashMap<>();
    source.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return copyMap(m);
    }
    if (v instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(e -> copy.add(copyValue(e)));
      return Collections.unmodifiableList(copy);
    }
    return v;
  }
}
