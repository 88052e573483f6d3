package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import dev.skiff.model.Selector;
import java.util.List;
import java.util.Optional;

/**
 * Read access to an informer's cache: look objects up by key, list them by namespace and label selector, or
 * by a value of an {@linkplain IndexFunction index}. Reads never call the API server. What they return is a
 * snapshot taken under the cache's lock: consistent in itself, possibly already behind the server (see
 * {@link Informer} for the guarantees). The objects are immutable and shared: do not expect copies.
 *
 * @param <T> the model class
 */
public interface Lister<T extends KubernetesObject> {

  /**
   * One object by key.
   *
   * @param key namespace and name
   * @return the cached object, or empty
   */
  Optional<T> get(ObjectKey key);

  /**
   * One object by namespace and name.
   *
   * @param namespace the namespace, empty for a cluster-scoped object
   * @param name the name
   * @return the cached object, or empty
   */
  default Optional<T> get(String namespace, String name) {
    return get(new ObjectKey(namespace, name));
  }

  /**
   * All cached objects, ordered by key.
   *
   * @return a new list
   */
  List<T> list();

  /**
   * The cached objects whose labels match, ordered by key.
   *
   * @param labels the label selector
   * @return a new list
   */
  List<T> list(Selector labels);

  /**
   * The cached objects of one namespace whose labels match, ordered by key. Uses the namespace index.
   *
   * @param namespace the namespace
   * @param labels the label selector; {@link Selector#everything()} for all
   * @return a new list
   */
  List<T> list(String namespace, Selector labels);

  /**
   * The cached objects an index maps the value to, ordered by key.
   *
   * @param indexName the index, e.g. {@link IndexFunction#NAMESPACE}
   * @param value the indexed value
   * @return a new list, empty when no object has the value
   * @throws IllegalArgumentException when there is no such index
   */
  List<T> byIndex(String indexName, String value);

  /**
   * The number of cached objects.
   *
   * @return the size of the cache
   */
  int size();
}
