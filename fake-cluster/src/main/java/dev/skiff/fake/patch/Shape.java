package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.gen.Schema;
import dev.skiff.gen.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merge-relevant shape of one value position in an object: whether it is a scalar, a struct of a schema
 * type, a string-keyed map or a list, and how patches and field ownership treat it (patch strategy, merge key,
 * list type and keys, atomicity).
 *
 * <p>Shapes are immutable views over the immutable {@link Schema}; {@link #child(String)} and {@link #element()}
 * descend. Values of unknown fields (and of {@code json} and {@code Object} fields) get the
 * {@linkplain Kind#UNTYPED untyped} shape: maps are merged key by key and lists are atomic, as
 * structured-merge-diff's "deduced" type does.
 *
 * <p>Every write walks the same few hundred positions of its kind, so a shape keeps the shapes below it once
 * made, and the classpath schema's top-level shapes are made once per JVM: looking a field up in its type and
 * reading its facts was a seventh of a pod create's managedFields work. Only the schema's own fields are kept,
 * so the keys of maps and unknown fields in request bodies cannot grow the cache.
 */
final class Shape {

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

  /** The classpath schema's top-level shapes by type name. */
  private static final Map<String, Shape> STANDARD_ROOTS = new ConcurrentHashMap<>();

  private final Kind kind;
  private final Schema schema;
  private final String typeName;
  private final TypeRef elementType;
  private final String mergeKey;
  private final String listType;
  private final List<String> listMapKeys;
  private final boolean atomic;
  /** Whether the field's strategic-merge {@code patchStrategy} includes {@code merge}. */
  private final boolean mergeStrategy;
  /** Shapes of this struct's schema fields, as asked for; empty and never written for other kinds. */
  private final Map<String, Shape> fields;
  /** The shape of a list's elements or a map's values, made once. */
  private volatile Shape below;

  private Shape(Kind kind, Schema schema, String typeName, TypeRef elementType, String patchStrategy,
      String mergeKey, String listType, List<String> listMapKeys, boolean atomic) {
    this.kind = kind;
    this.schema = schema;
    this.typeName = typeName;
    this.elementType = elementType;
    this.mergeKey = mergeKey;
    this.listType = listType;
    this.listMapKeys = listMapKeys;
    this.atomic = atomic;
    this.mergeStrategy = List.of(patchStrategy.split(",")).contains("merge");
    this.fields = kind == Kind.STRUCT ? new ConcurrentHashMap<>() : Map.of();
  }

  /** The shape of a top-level object of the named schema type. */
  static Shape root(Schema schema, String typeName) {
    if (schema == StandardSchema.get()) {
      Shape known = STANDARD_ROOTS.get(typeName);
      if (known != null) {
        return known;
      }
    }
    schema.type(typeName);
    Shape root = struct(schema, typeName, "");
    if (schema == StandardSchema.get()) {
      Shape raced = STANDARD_ROOTS.putIfAbsent(typeName, root);
      return raced != null ? raced : root;
    }
    return root;
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
      case STRUCT -> field(name);
      case MAP -> below();
      case UNTYPED -> this; // everything inside untyped JSON is untyped too
      default -> untyped(schema);
    };
  }

  /** The shape of an element of a list. */
  Shape element() {
    return switch (kind) {
      case LIST -> below();
      case UNTYPED -> this;
      default -> untyped(schema);
    };
  }

  private Shape field(String name) {
    Shape known = fields.get(name);
    if (known != null) {
      return known;
    }
    Optional<Schema.FieldDef> f = schema.type(typeName).field(name);
    if (f.isEmpty()) {
      return untyped(schema); // not kept: the name comes from the request
    }
    Shape made = of(schema, f.get().type(), f.get().facts());
    Shape raced = fields.putIfAbsent(name, made);
    return raced != null ? raced : made;
  }

  /** A list's elements or a map's values. */
  private Shape below() {
    Shape b = below;
    if (b == null) {
      b = of(schema, elementType, Map.of());
      below = b; // a race makes two equal shapes: either may stay
    }
    return b;
  }

  /** What sort of position this is. */
  Kind kind() {
    return kind;
  }

  /** The schema the shape belongs to. */
  Schema schema() {
    return schema;
  }

  /** The schema type of a {@link Kind#STRUCT}, else empty. */
  String typeName() {
    return typeName;
  }

  /** The field's strategic-merge key for lists of objects, or empty. */
  String mergeKey() {
    return mergeKey;
  }

  /** Key fields of a {@code map} list. */
  List<String> listMapKeys() {
    return listMapKeys;
  }

  /** Whether the whole value is one unit for field ownership (atomic lists, maps and structs). */
  boolean atomic() {
    return atomic;
  }

  /** Whether the strategic-merge strategy of this field includes {@code merge}. */
  boolean mergeStrategy() {
    return mergeStrategy;
  }

  /** Whether this is a list whose elements are identified by key fields. */
  boolean isMapList() {
    return kind == Kind.LIST && listType.equals("map") && !listMapKeys.isEmpty();
  }

  /** Whether this is a list of unique scalars. */
  boolean isSetList() {
    return kind == Kind.LIST && listType.equals("set");
  }

  @Override
  public String toString() {
    return "Shape[" + kind + (typeName.isEmpty() ? "" : " " + typeName) + (listType.isEmpty() ? "" : " " + listType)
        + "]";
  }
}
