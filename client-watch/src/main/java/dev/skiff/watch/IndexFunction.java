package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Computes the values under which an informer's cache indexes an object, for {@link Lister#byIndex}: e.g. its
 * namespace, a label's value, the names of the secrets a pod mounts. An object can have any number of values.
 * The function must be fast, must not block and must depend only on the object.
 *
 * @param <T> the model class
 */
@FunctionalInterface
public interface IndexFunction<T extends KubernetesObject> {

  /** The name of the index every informer has: objects by namespace (empty for cluster-scoped ones). */
  String NAMESPACE = "namespace";

  /**
   * The values an object is indexed under.
   *
   * @param object the object
   * @return its values, possibly none
   */
  Collection<String> values(T object);

  /**
   * Indexes objects by namespace, the index every informer has as {@link #NAMESPACE}.
   *
   * @param <T> the model class
   * @return the index function
   */
  static <T extends KubernetesObject> IndexFunction<T> byNamespace() {
    return object -> List.of(ObjectKey.of(object).namespace());
  }

  /**
   * Indexes objects by the value of one label; objects without the label are not indexed.
   *
   * @param labelKey the label key, e.g. {@code app}
   * @param <T> the model class
   * @return the index function
   */
  static <T extends KubernetesObject> IndexFunction<T> byLabel(String labelKey) {
    Objects.requireNonNull(labelKey, "labelKey");
    return object -> {
      String value = object.metadata() == null ? null : object.metadata().labels().get(labelKey);
      return value == null ? List.of() : List.of(value);
    };
  }
}
