package dev.skiff.fake.patch;

import dev.skiff.gen.Schema;
import java.util.List;

/**
 * Fields a write does not own: the object metadata the server manages itself, and the fields the kind's
 * strategy resets on the written endpoint (the registry's {@code GetResetFields}).
 */
final class ResetFields {
  private ResetFields() {}

  /** Paths the server strips from every manager's set (exact paths; their children are kept). */
  private static final FieldSet SERVER_METADATA = new FieldSet();

  static {
    for (List<PathElement> p : List.of(
        List.of(f("apiVersion")), List.of(f("kind")), List.of(f("metadata")),
        List.of(f("metadata"), f("name")), List.of(f("metadata"), f("namespace")),
        List.of(f("metadata"), f("creationTimestamp")), List.of(f("metadata"), f("selfLink")),
        List.of(f("metadata"), f("uid")), List.of(f("metadata"), f("clusterName")),
        List.of(f("metadata"), f("generation")), List.of(f("metadata"), f("managedFields")),
        List.of(f("metadata"), f("resourceVersion")))) {
      SERVER_METADATA.insert(p);
    }
  }

  private static PathElement f(String name) {
    return PathElement.field(name);
  }

  /** {@code set} without the server-managed metadata paths. */
  static FieldSet strip(FieldSet set) {
    return set.difference(SERVER_METADATA);
  }

  /**
   * The prefixes a write through {@code subresource} of a {@code typeName} object does not own: on the main
   * resource of a kind with a status subresource, {@code status}; through {@code status}, {@code spec} plus
   * what the kind's status strategy also keeps (pods: {@code metadata.deletionTimestamp} and
   * {@code metadata.ownerReferences}; deployments: {@code metadata.labels}).
   */
  static FieldSet of(Schema schema, String typeName, String subresource) {
    FieldSet out = new FieldSet();
    boolean hasStatus = schema.type(typeName).resource()
        .map(r -> r.subresources().stream().anyMatch(s -> s.name().equals("status")))
        .orElse(false);
    if (subresource.isEmpty()) {
      if (hasStatus) {
        out.insert(List.of(f("status")));
      }
    } else if (subresource.equals("status")) {
      out.insert(List.of(f("spec")));
      if (typeName.equals("Pod")) {
        out.insert(List.of(f("metadata"), f("deletionTimestamp")));
        out.insert(List.of(f("metadata"), f("ownerReferences")));
      } else if (typeName.equals("Deployment")) {
        out.insert(List.of(f("metadata"), f("labels")));
      }
    }
    return out;
  }
}
