package dev.skiff.model;

import dev.skiff.model.meta.v1.ListMeta;
import java.util.List;

/**
 * A page of objects of one kind, as a list request returns it.
 *
 * @param <T> the kind of the items
 */
public interface KubernetesList<T extends KubernetesObject> extends ApiObject {
  /**
   * The list's metadata: its resource version and the token of the next page.
   *
   * @return the metadata, or null when absent
   */
  @Nullable
  ListMeta metadata();

  /**
   * The objects of this page.
   *
   * @return the items, never null
   */
  List<T> items();
}
