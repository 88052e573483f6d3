package dev.skiff.gen;

/**
 * The type of a schema field: a scalar, a reference to another schema type, a list or a string-keyed map.
 *
 * <p>Grammar: {@code string}, {@code bool}, {@code int32}, {@code int64}, {@code double}, {@code bytes}
 * (base64 text), {@code Quantity}, {@code IntOrString}, {@code Time}, {@code MicroTime}, {@code FieldsV1},
 * {@code Object} (an embedded API object), {@code json} (any JSON value), a type name, {@code [T]} (list)
 * and {@code {T}} (map from string).
 *
 * @param kind what sort of type this is
 * @param name scalar keyword or referenced type name; empty for lists and maps
 * @param element element type of a list or value type of a map, else null
 */
public record TypeRef(Kind kind, String name, TypeRef element) {

  /** The sorts of field types. */
  public enum Kind {
    /** A string. */
    STRING,
    /** A boolean. */
    BOOL,
    /** A 32-bit integer. */
    INT32,
    /** A 64-bit integer. */
    INT64,
    /** A double-precision number. */
    DOUBLE,
    /** Base64 text of bytes. */
    BYTES,
    /** A resource quantity. */
    QUANTITY,
    /** An int or a string. */
    INT_OR_STRING,
    /** An RFC 3339 time with second precision. */
    TIME,
    /** An RFC 3339 time with microsecond precision. */
    MICRO_TIME,
    /** A managed-fields set, kept as raw JSON. */
    FIELDS_V1,
    /** An embedded API object decoded by its apiVersion and kind. */
    OBJECT,
    /** Any JSON value. */
    JSON,
    /** Another schema type. */
    NAMED,
    /** A list. */
    LIST,
    /** A map from string keys. */
    MAP
  }

  /** Parses the grammar described on this type. */
  public static TypeRef parse(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      return new TypeRef(Kind.LIST, "", parse(s.substring(1, s.length() - 1)));
    }
    if (s.startsWith("{") && s.endsWith("}")) {
      return new TypeRef(Kind.MAP, "", parse(s.substring(1, s.length() - 1)));
    }
    Kind k =
        switch (s) {
          case "string" -> Kind.STRING;
          case "bool" -> Kind.BOOL;
          case "int32" -> Kind.INT32;
          case "int64" -> Kind.INT64;
          case "double" -> Kind.DOUBLE;
          case "bytes" -> Kind.BYTES;
          case "Quantity" -> Kind.QUANTITY;
          case "IntOrString" -> Kind.INT_OR_STRING;
          case "Time" -> Kind.TIME;
          case "MicroTime" -> Kind.MICRO_TIME;
          case "FieldsV1" -> Kind.FIELDS_V1;
          case "Object" -> Kind.OBJECT;
          case "json" -> Kind.JSON;
          default -> {
            if (!s.matches("[A-Z][A-Za-z0-9]*")) {
              throw new IllegalArgumentException("not a schema type: '" + text + "'");
            }
            yield Kind.NAMED;
          }
        };
    return new TypeRef(k, s, null);
  }

  /** Whether this is a list or map. */
  public boolean isContainer() {
    return kind == Kind.LIST || kind == Kind.MAP;
  }

  /** The element type after unwrapping every list and map. */
  public TypeRef innermost() {
    return isContainer() ? element.innermost() : this;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case LIST -> "[" + element + "]";
      case MAP -> "{" + element + "}";
      default -> name;
    };
  }
}
