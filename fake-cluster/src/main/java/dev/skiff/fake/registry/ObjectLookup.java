package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Read access to stored objects, supplied by the API layer, for the admission steps that need other objects
 * (the pod's ServiceAccount).
 */
@FunctionalInterface
public interface ObjectLookup {

  /**
   * Finds a stored object.
   *
   * @param kind the kind, e.g. {@code ServiceAccount}
   * @param namespace the namespace; empty for cluster-scoped kinds
   * @param name the name
   * @return the object as stored, or empty when there is none; callers do not modify it
   */
  Optional<ObjectNode> get(String kind, String namespace, String name);
}
