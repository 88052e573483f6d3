package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.gen.Schema;
import dev.skiff.gen.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The merge-relevant shape of one value position in an object: whether it is a scalar, a struct of a schema
 * type, a string-keyed map or a list, and how patches and field ownership treat it (patch strategy, merge key,
 * list type and keys, atomicity).
 *
 * <p>Shapes are cheap views over the immutable {@link Schema}; {@link #child(String)} and {@link #element()}
 * descend. Values of unknown fields (and of {@code json} and {@code Object} fields) get the
 * {@linkplain Kind#UNTYPED untyped} shape: maps are merged key by key and lists are atomic, as
 * structured-merge-diff's "deduced" type does.
 *
 * @param kind what sort of position this is
 * @param schema the schema the shape belongs to
 * @param typeName the schema type of a {@link Kind#STRUCT}, else empty
 * @param elementType element or value type of a list or map, else null
 * @param patchStrategy the field's strategic-merge {@code patchStrategy} ({@code merge}, {@code retainKeys},
 *     {@code merge,retainKeys}) or empty
 * @param mergeKey the field's strategic-merge key for lists of objects, or empty
 * @param listType {@code atomic}, {@code set} or {@code map} for lists; empty otherwise
 * @param listMapKeys key fields of a {@code map} list
 * @param atomic whether the whole value is one unit for field ownership (atomic lists, maps and structs)
 */
record Shape(
    Kind kind,
    Schema schema,
    String typeName,
    TypeRef elementType,
    String patchStrategy,
    String mergeKey,
    String listType,
    List<String> listMapKeys,
    boolean atomic) {

  /** The sorts of positions. */
  enum Kind {
    /** A string, number, boolean, quantity, time or other leaf. */
    SCALAR,
    /** An object of a schema type with named fields. */
    STRUCT,
    /** A map from string keys to values of one type. */
    MAP,
    /** A list. */
    LIST,
    /** Any JSON, with no schema: objects merge by key, lists are atomic. */
    UNTYPED
  }

  /**
   * Structs that the API marks {@code x-kubernetes-map-type: atomic}: the schema files carry no type-level
   * facts, so the names are listed here (taken from the v1.34 OpenAPI document).
   */
  private static final Set<String> ATOMIC_STRUCTS = Set.of(
      "ConfigMapKeySelector", "CrossVersionObjectReference", "EndpointAddress", "EndpointPort",
      "FileKeySelector", "LabelSelector", "LocalObjectReference", "NodeSelector", "NodeSelectorTerm",
      "ObjectFieldSelector", "ObjectReference", "OwnerReference", "ResourceFieldSelector", "ScopeSelector",
      "SecretKeySelector", "SecretReference", "TopologySelectorTerm", "TypedLocalObjectReference");

  /** The shape of a top-level object of the named schema type. */
  static Shape root(Schema schema, String typeName) {
    schema.type(typeName);
    return struct(schema, typeName, "");
  }

  /** The untyped shape. */
  static Shape untyped(Schema schema) {
    return new Shape(Kind.UNTYPED, schema, "", null, "", "", "", List.of(), false);
  }

  private static Shape struct(Schema schema, String typeName, String patchStrategy) {
    return new Shape(Kind.STRUCT, schema, typeName, null, patchStrategy, "", "", List.of(),
        ATOMIC_STRUCTS.contains(typeName));
  }

  /** The shape of a value of {@code type}, carrying the field-level {@code facts}. */
  static Shape of(Schema schema, TypeRef type, Map<String, JsonNode> facts) {
    String strategy = text(facts, "patchStrategy");
    return switch (type.kind()) {
      case NAMED -> struct(schema, type.name(), strategy);
      case JSON, OBJECT -> untyped(schema);
      case LIST -> {
        String listType = text(facts, "listType");
        List<String> keys = facts.containsKey("listMapKeys")
            ? java.util.stream.StreamSupport.stream(facts.get("listMapKeys").spliterator(), false)
                .map(JsonNode::asText).toList()
            : List.of();
        // Lists without a list type are atomic, as for every built-in type of the real server.
        String effective = listType.isEmpty() ? "atomic" : listType;
        yield new Shape(Kind.LIST, schema, "", type.element(), strategy, text(facts, "mergeKey"), effective, keys,
            effective.equals("atomic"));
      }
      case MAP -> new Shape(Kind.MAP, schema, "", type.element(), strategy, "", "", List.of(),
          text(facts, "mapType").equals("atomic"));
      default -> new Shape(Kind.SCALAR, schema, "", null, strategy, "", "", List.of(), false);
    };
  }

  private static String text(Map<String, JsonNode> facts, String key) {
    JsonNode n = facts.get(key);
    return n == null ? "" : n.asText();
  }

  /** The shape of field {@code name} of a struct or of a value of a map; untyped when unknown. */
  Shape child(String name) {
    return switch (kind) {
      case STRUCT -> {
        Optional<Schema.FieldDef> f = schema.type(typeName).field(name);
        yield f.map(d -> of(schema, d.type(), d.facts())).orElseGet(() -> untyped(schema));
      }
      case MAP -> of(schema, elementType, Map.of());
      default -> untyped(schema);
    };
  }

  /** The shape of an element of a list. */
  Shape element() {
    return kind == Kind.LIST ? of(schema, elementType, Map.of()) : untyped(schema);
  }

  /** Whether the strategic-merge strategy of this field includes {@code merge}. */
  boolean mergeStrategy() {
    return List.of(patchStrategy.split(",")).contains("merge");
  }

  /** Whether this is a list whose elements are identified by key fields. */
  boolean isMapList() {
    return kind == Kind.LIST && listType.equals("map") && !listMapKeys.isEmpty();
  }

  /** Whether this is a list of unique scalars. */
  boolean isSetList() {
    return kind == Kind.LIST && listType.equals("set");
  }
}
