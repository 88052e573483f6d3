package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.util.Objects;

/**
 * The identity of an object within one resource type: its namespace (empty for cluster-scoped objects) and
 * its name. Caches and work queues are keyed by it; {@link #toString()} gives client-go's
 * {@code namespace/name} form.
 *
 * @param namespace the namespace, empty for cluster-scoped objects
 * @param name the name, never empty
 */
public record ObjectKey(String namespace, String name) implements Comparable<ObjectKey> {

  /**
   * Creates a key.
   *
   * @param namespace the namespace, empty for cluster-scoped objects
   * @param name the name
   */
  public ObjectKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("an object key needs a name");
    }
  }

  /**
   * The key of a cluster-scoped object.
   *
   * @param name the name
   * @return the key, with an empty namespace
   */
  public static ObjectKey clusterScoped(String name) {
    return new ObjectKey("", name);
  }

  /**
   * The key of an object, from its metadata.
   *
   * @param object an object with a name
   * @return its key
   * @throws IllegalArgumentException when the object has no metadata or no name
   */
  public static ObjectKey of(KubernetesObject object) {
    ObjectMeta meta = object.metadata();
    if (meta == null || meta.name() == null) {
      throw new IllegalArgumentException("an object without a name has no key: " + object);
    }
    return new ObjectKey(meta.namespace() == null ? "" : meta.namespace(), meta.name());
  }

  /** Orders by namespace, then name. */
  @Override
  public int compareTo(ObjectKey o) {
    int c = namespace.compareTo(o.namespace);
    return c != 0 ? c : name.compareTo(o.name);
  }

  /** {@code namespace/name}, or just {@code name} for a cluster-scoped object. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
