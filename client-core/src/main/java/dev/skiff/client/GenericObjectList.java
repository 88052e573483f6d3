package dev.skiff.client;

import dev.skiff.model.KubernetesList;
import dev.skiff.model.Nullable;
import dev.skiff.model.codec.ModelCodec;
import dev.skiff.model.meta.v1.ListMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A page of {@link GenericObject}s, as a list request for an untyped resource returns it. Immutable.
 */
public final class GenericObjectList implements KubernetesList<GenericObject> {
  private final String apiVersion;
  private final String kind;
  private final ListMeta metadata;
  private final List<GenericObject> items;

  private GenericObjectList(String apiVersion, String kind, ListMeta metadata, List<GenericObject> items) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.metadata = metadata;
    this.items = List.copyOf(items);
  }

  /**
   * Reads a list from its JSON tree.
   *
   * @param list the list's fields: {@code apiVersion}, {@code kind}, {@code metadata}, {@code items}
   * @return the list
   */
  public static GenericObjectList of(Map<?, ?> list) {
    ListMeta meta = null;
    if (list.get("metadata") instanceof Map<?, ?> raw) {
      ModelCodec codec = ModelCodec.standard();
      meta = codec.readJson(codec.writeJsonBytes(raw), ListMeta.class);
    }
    List<GenericObject> items = new ArrayList<>();
    if (list.get("items") instanceof List<?> raw) {
      for (Object item : raw) {
        if (item instanceof Map<?, ?> m) {
          items.add(GenericObject.of(m));
        }
      }
    }
    return new GenericObjectList(list.get("apiVersion") instanceof String s ? s : null,
        list.get("kind") instanceof String s ? s : null, meta, items);
  }

  /** @return the {@code apiVersion} field, or null */
  @Override
  public @Nullable String apiVersion() {
    return apiVersion;
  }

  /** @return the {@code kind} field, e.g. {@code CronTabList}, or null */
  @Override
  public @Nullable String kind() {
    return kind;
  }

  /** @return the list metadata (resource version, continue token), or null */
  @Override
  public @Nullable ListMeta metadata() {
    return metadata;
  }

  /** @return the objects of this page */
  @Override
  public List<GenericObject> items() {
    return items;
  }

  @Override
  public String toString() {
    return "GenericObjectList{kind=" + kind + ", items=" + items.size() + "}";
  }
}
