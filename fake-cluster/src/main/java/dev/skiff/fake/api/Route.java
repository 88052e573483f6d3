package dev.skiff.fake.api;

/**
 * Where a resource request points.
 *
 * @param resource the resource
 * @param namespace the namespace from the path; null for cluster-scoped resources and all-namespaces lists
 * @param name the object's name, null for the collection
 * @param subresource e.g. {@code status} or {@code scale}, null for the object itself
 * @param legacyWatch whether the path had the {@code /watch/} prefix
 */
record Route(ServedResource resource, String namespace, String name, String subresource, boolean legacyWatch) {

  /** The namespace as the store keys it: {@code ""} for cluster-scoped objects. */
  String storeNamespace() {
    return namespace == null ? "" : namespace;
  }
}
