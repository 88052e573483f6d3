package dev.skiff.fake.store;

import java.util.function.Predicate;

/**
 * Which objects a watcher or a list is about.
 *
 * @param resource the resource, e.g. {@code pods}
 * @param namespace the namespace, or null for all namespaces (and for cluster-scoped resources)
 * @param matches label and field selectors
 */
public record WatchFilter(String resource, String namespace, Predicate<StoredObject> matches) {

  /** Whether the object is one this filter selects. */
  public boolean test(StoredObject object) {
    return object != null
        && object.resource().equals(resource)
        && (namespace == null || namespace.equals(object.namespace()))
        && matches.test(object);
  }
}
