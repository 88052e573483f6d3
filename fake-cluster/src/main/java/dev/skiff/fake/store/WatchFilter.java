package dev.skiff.fake.store;

import dev.skiff.model.Selector;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which objects a watcher or a list is about. The label selector is kept apart from the other tests so that
 * a list can take it from the store's label index instead of testing every object.
 *
 * @param resource the resource, e.g. {@code pods}
 * @param namespace the namespace, or null for all namespaces (and for cluster-scoped resources)
 * @param labels the label selector
 * @param others every other test (name, field selectors); {@code o -> true} when there is none
 */
public record WatchFilter(String resource, String namespace, Selector labels, Predicate<StoredObject> others) {

  /** Checks that no part is missing but the namespace. */
  public WatchFilter {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(others, "others");
  }

  /**
   * A filter without a label selector.
   *
   * @param resource the resource, e.g. {@code pods}
   * @param namespace the namespace, or null for all namespaces
   * @param matches which objects of it
   */
  public WatchFilter(String resource, String namespace, Predicate<StoredObject> matches) {
    this(resource, namespace, Selector.everything(), matches);
  }

  /** Whether the object is one this filter selects. */
  public boolean test(StoredObject object) {
    return object != null
        && object.resource().equals(resource)
        && (namespace == null || namespace.equals(object.namespace()))
        && labels.matches(object.labels())
        && others.test(object);
  }
}
