package dev.skiff.fake.openapi;

import dev.skiff.gen.Schema;
import dev.skiff.gen.TypeRef;

/**
 * The names the real server gives its OpenAPI definitions: Go package path plus type name, e.g.
 * {@code io.k8s.api.core.v1.Pod} or {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}. Clients key on
 * these names (kubectl's {@code explain} and client-side validation resolve {@code $ref}s by them), so they
 * must be the real ones.
 */
final class SchemaNames {

  /** Quantity of {@code k8s.io/apimachinery/pkg/api/resource}. */
  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  /** IntOrString of {@code k8s.io/apimachinery/pkg/util/intstr}. */
  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  /** Time of {@code meta/v1}. */
  static final String TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
  /** MicroTime of {@code meta/v1}. */
  static final String MICRO_TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";
  /** FieldsV1 of {@code meta/v1}. */
  static final String FIELDS_V1 = "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1";
  /** RawExtension, the wire form of an embedded object. */
  static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
  /** Patch of {@code meta/v1}, the body of every PATCH operation. */
  static final String PATCH = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
  /** Status of {@code meta/v1}. */
  static final String STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
  /** WatchEvent of {@code meta/v1}, the element of a watch stream. */
  static final String WATCH_EVENT = "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent";
  /** APIResourceList of {@code meta/v1}, the answer of a group version's root path. */
  static final String API_RESOURCE_LIST = "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList";
  /** DeleteOptions of {@code meta/v1}. */
  static final String DELETE_OPTIONS = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";

  private SchemaNames() {}

  /** The definition name of a schema type. */
  static String of(Schema.TypeDef type) {
    String pkg = type.javaPackage().substring("dev.skiff.model.".length());
    if (type.group().equals("meta.k8s.io")) {
      return "io.k8s.apimachinery.pkg.apis." + pkg + "." + type.name();
    }
    return "io.k8s.api." + pkg + "." + type.name();
  }

  /** The definition name of a non-container field type that is a definition of its own, or null. */
  static String ofRef(Schema schema, TypeRef ref) {
    return switch (ref.kind()) {
      case NAMED -> of(schema.type(ref.name()));
      case QUANTITY -> QUANTITY;
      case INT_OR_STRING -> INT_OR_STRING;
      case TIME -> TIME;
      case MICRO_TIME -> MICRO_TIME;
      case FIELDS_V1 -> FIELDS_V1;
      case OBJECT -> RAW_EXTENSION;
      default -> null;
    };
  }
}
