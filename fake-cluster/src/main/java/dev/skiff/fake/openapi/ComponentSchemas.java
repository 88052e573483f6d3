package dev.skiff.fake.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.gen.Schema;
import dev.skiff.gen.TypeRef;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns schema types into OpenAPI schema objects the way the real server's documents shape them: one
 * definition per type under its real name, properties with {@code type}/{@code format}, references wrapped
 * in {@code allOf} so a description can sit beside them, and the Kubernetes extensions clients act on
 * ({@code x-kubernetes-patch-strategy}/{@code -patch-merge-key} for strategic merge patches in client-side
 * apply, {@code x-kubernetes-list-type}/{@code -list-map-keys}/{@code -map-type} for server-side apply,
 * {@code x-kubernetes-group-version-kind} to find a kind's definition). Descriptions are the schema's own docs.
 *
 * <p>The same walk serves OpenAPI v3 and Swagger 2.0: the caller supplies how a definition name becomes a
 * {@code $ref} ({@code #/components/schemas/...} or {@code #/definitions/...}).
 */
final class ComponentSchemas {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Fact keys of the schema grammar and the OpenAPI extension each becomes. */
  private static final Map<String, String> EXTENSIONS = Map.of(
      "patchStrategy", "x-kubernetes-patch-strategy",
      "mergeKey", "x-kubernetes-patch-merge-key",
      "patchMergeKey", "x-kubernetes-patch-merge-key",
      "listType", "x-kubernetes-list-type",
      "listMapKeys", "x-kubernetes-list-map-keys",
      "mapType", "x-kubernetes-map-type");

  /**
   * Structs the real server marks {@code x-kubernetes-map-type: atomic} (replaced as a whole by server-side
   * apply). The schema has no type-level facts yet, so the list lives here until src-gen carries it.
   */
  private static final java.util.Set<String> ATOMIC_STRUCTS = java.util.Set.of("ConfigMapKeySelector",
      "CrossVersionObjectReference", "EndpointAddress", "EndpointPort", "FileKeySelector", "LabelSelector",
      "LocalObjectReference", "NodeSelector", "NodeSelectorTerm", "ObjectFieldSelector", "ObjectReference",
      "OwnerReference", "ResourceFieldSelector", "ScopeSelector", "SecretKeySelector", "SecretReference",
      "TypedLocalObjectReference");

  private final Schema schema;
  private final Function<String, String> refOf;

  /**
   * Creates the builder.
   *
   * @param schema the API schema
   * @param refOf turns a definition name into a {@code $ref} value
   */
  ComponentSchemas(Schema schema, Function<String, String> refOf) {
    this.schema = schema;
    this.refOf = refOf;
  }

  /**
   * The definitions of the given types and of every type they reach, by definition name in sorted order.
   *
   * @param roots names of schema types
   * @param extraKinds extra {@code x-kubernetes-group-version-kind} entries by type name (the real server tags
   *     {@code DeleteOptions} and {@code WatchEvent} with every group version that uses them)
   */
  Map<String, ObjectNode> definitions(Collection<String> roots, Map<String, List<ObjectNode>> extraKinds) {
    Map<String, ObjectNode> out = new TreeMap<>();
    Deque<String> todo = new ArrayDeque<>(roots);
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!seen.add(name)) {
        continue;
      }
      Schema.TypeDef t = schema.type(name);
      out.put(SchemaNames.of(t), typeSchema(t, extraKinds.getOrDefault(name, List.of())));
      for (Schema.FieldDef f : t.fields()) {
        TypeRef inner = f.type().innermost();
        if (inner.kind() == TypeRef.Kind.NAMED) {
          todo.push(inner.name());
        } else {
          String scalar = SchemaNames.ofRef(schema, inner);
          if (scalar != null && !out.containsKey(scalar)) {
            out.put(scalar, scalarDefinition(scalar));
          }
        }
      }
    }
    return out;
  }

  /** The schema of one type. */
  private ObjectNode typeSchema(Schema.TypeDef t, List<ObjectNode> extraKinds) {
    ObjectNode s = JSON.objectNode();
    if (!t.doc().isEmpty()) {
      s.put("description", t.doc());
    }
    s.put("type", "object");
    ArrayNode required = JSON.arrayNode();
    for (Schema.FieldDef f : t.fields()) {
      if (f.required()) {
        required.add(f.jsonName());
      }
    }
    if (!required.isEmpty()) {
      s.set("required", required);
    }
    ObjectNode props = s.putObject("properties");
    t.fields().stream()
        .sorted(java.util.Comparator.comparing(Schema.FieldDef::jsonName))
        .forEach(f -> props.set(f.jsonName(), property(f)));
    if (ATOMIC_STRUCTS.contains(t.name())) {
      s.put("x-kubernetes-map-type", "atomic");
    }
    if (t.apiKind() && !t.group().equals("meta.k8s.io") || t.resource().isPresent()) {
      ArrayNode gvk = s.putArray("x-kubernetes-group-version-kind");
      gvk.add(gvk(t.group(), t.version(), t.name()));
    } else if (t.apiKind()) {
      // meta.k8s.io kinds (Status, DeleteOptions...) travel as core v1 on the wire.
      ArrayNode gvk = s.putArray("x-kubernetes-group-version-kind");
      gvk.add(gvk("", "v1", t.name()));
      extraKinds.forEach(gvk::add);
    }
    return s;
  }

  /** An {@code x-kubernetes-group-version-kind} entry. */
  static ObjectNode gvk(String group, String version, String kind) {
    ObjectNode o = JSON.objectNode();
    o.put("group", group);
    o.put("kind", kind);
    o.put("version", version);
    return o;
  }

  /** The schema of one field, with its description and facts. */
  private ObjectNode property(Schema.FieldDef f) {
    ObjectNode p = JSON.objectNode();
    if (!f.doc().isEmpty()) {
      p.put("description", f.doc());
    }
    TypeRef type = f.type();
    String ref = type.isContainer() ? null : SchemaNames.ofRef(schema, type);
    if (ref != null) {
      p.putArray("allOf").addObject().put("$ref", refOf.apply(ref));
    } else {
      p.setAll(valueSchema(type));
    }
    for (Map.Entry<String, JsonNode> fact : f.facts().entrySet()) {
      String key = fact.getKey();
      switch (key) {
        case "enum", "default", "format" -> p.set(key, fact.getValue());
        default -> {
          String ext = EXTENSIONS.get(key);
          if (ext != null) {
            p.set(ext, fact.getValue());
          }
        }
      }
    }
    return p;
  }

  /** The schema of a value of a type, as used for properties, list items and map values. */
  private ObjectNode valueSchema(TypeRef type) {
    ObjectNode s = JSON.objectNode();
    switch (type.kind()) {
      case STRING -> s.put("type", "string");
      case BOOL -> s.put("type", "boolean");
      case INT32 -> s.put("type", "integer").put("format", "int32");
      case INT64 -> s.put("type", "integer").put("format", "int64");
      case DOUBLE -> s.put("type", "number").put("format", "double");
      case BYTES -> s.put("type", "string").put("format", "byte");
      case JSON -> s.put("x-kubernetes-preserve-unknown-fields", true);
      case LIST -> {
        s.put("type", "array");
        s.set("items", elementSchema(type.element()));
      }
      case MAP -> {
        s.put("type", "object");
        s.set("additionalProperties", elementSchema(type.element()));
      }
      default -> s.put("$ref", refOf.apply(SchemaNames.ofRef(schema, type)));
    }
    return s;
  }

  /**
   * The schema of a list element or map value: struct values are wrapped in {@code allOf} with an empty
   * default, strings default to empty and integers to zero, as the real server writes Go's non-pointer elements.
   */
  private ObjectNode elementSchema(TypeRef element) {
    if (element.kind() == TypeRef.Kind.NAMED) {
      ObjectNode s = JSON.objectNode();
      s.putObject("default");
      s.putArray("allOf").addObject().put("$ref", refOf.apply(SchemaNames.ofRef(schema, element)));
      return s;
    }
    ObjectNode s = valueSchema(element);
    switch (element.kind()) {
      case STRING -> s.put("default", "");
      case INT32, INT64 -> s.put("default", 0);
      default -> { }
    }
    return s;
  }

  /** The definitions of the apimachinery value types that are not schema types. */
  static ObjectNode scalarDefinition(String name) {
    ObjectNode s = JSON.objectNode();
    switch (name) {
      case SchemaNames.QUANTITY -> {
        s.put("description", "A fixed-point decimal amount with an optional suffix, such as 100m, 64Mi or 1.5G;"
            + " written as a string, accepted as a number.");
        ArrayNode oneOf = s.putArray("oneOf");
        oneOf.addObject().put("type", "string");
        oneOf.addObject().put("type", "number");
      }
      case SchemaNames.INT_OR_STRING -> {
        s.put("description", "A value that is either a 32-bit integer or a string, such as a port number or"
            + " a port name.");
        s.put("format", "int-or-string");
        ArrayNode oneOf = s.putArray("oneOf");
        oneOf.addObject().put("type", "integer");
        oneOf.addObject().put("type", "string");
      }
      case SchemaNames.TIME -> s.put("description", "An RFC 3339 timestamp with second precision, in UTC.")
          .put("type", "string").put("format", "date-time");
      case SchemaNames.MICRO_TIME -> s.put("description",
          "An RFC 3339 timestamp with microsecond precision, in UTC.").put("type", "string")
          .put("format", "date-time");
      case SchemaNames.FIELDS_V1 -> s.put("description",
          "A set of field paths in the FieldsV1 trie encoding of server-side apply.").put("type", "object");
      case SchemaNames.RAW_EXTENSION -> s.put("description",
          "An embedded API object of any kind, identified by its own apiVersion and kind.")
          .put("type", "object");
      case SchemaNames.PATCH -> s.put("description",
          "The body of a PATCH request; its format follows the request's Content-Type.").put("type", "object");
      default -> throw new IllegalArgumentException("not a value type definition: " + name);
    }
    return s;
  }
}
