package dev.skiff.fake.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One step of a field path in a managed-fields set, written as in {@code FieldsV1}: {@code f:<field>} for an
 * object field or map key, {@code k:<key fields as JSON>} for an element of a map-list, {@code v:<value as
 * JSON>} for an element of a set-list and {@code i:<index>} for an element of any other non-atomic list.
 *
 * <p>Elements order as structured-merge-diff orders them (the order of keys in a serialized set): fields by
 * name, then keys, then values, then indices. Two elements are equal when they order as equal; the hash is
 * that of the {@code FieldsV1} spelling.
 *
 * <p>Elements are compared and hashed many times over while field sets are built and combined, so the key
 * fields of a {@code k:} element are kept as arrays and the spelling is computed once.
 */
final class PathElement implements Comparable<PathElement> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] NO_NAMES = {};
  private static final JsonNode[] NO_VALUES = {};

  private final char kind;
  private final String field;
  private final ObjectNode key;
  private final JsonNode value;
  private final int index;
  /** The names of {@link #key}'s fields, sorted. */
  private final String[] keyNames;
  /** The values of {@link #key}'s fields, in the order of {@link #keyNames}. */
  private final JsonNode[] keyValues;
  /** The {@code FieldsV1} spelling, once asked for. */
  private String spelling;
  /** The hash of {@link #spelling}; 0 until computed (a spelling hashing to 0 is just hashed again). */
  private int hash;

  private PathElement(char kind, String field, ObjectNode key, String[] keyNames, JsonNode[] keyValues,
      JsonNode value, int index) {
    this.kind = kind;
    this.field = field;
    this.key = key;
    this.keyNames = keyNames;
    this.keyValues = keyValues;
    this.value = value;
    this.index = index;
  }

  /** A field or map key. */
  static PathElement field(String name) {
    return new PathElement('f', name, null, NO_NAMES, NO_VALUES, null, -1);
  }

  /** An element of a map-list, by the values of its key fields (absent keys are left out). */
  static PathElement key(JsonNode element, List<String> keyFields) {
    List<String> names = new ArrayList<>(keyFields);
    names.sort(null);
    ObjectNode key = JsonNodeFactory.instance.objectNode();
    List<String> presentNames = new ArrayList<>(names.size());
    List<JsonNode> presentValues = new ArrayList<>(names.size());
    for (String n : names) {
      JsonNode v = element.get(n);
      if (v != null && !v.isNull() && key.replace(n, v) == null) {
        presentNames.add(n);
        presentValues.add(v);
      }
    }
    return new PathElement('k', null, key, presentNames.toArray(NO_NAMES), presentValues.toArray(NO_VALUES),
        null, -1);
  }

  /** An element of a set-list. */
  static PathElement value(JsonNode v) {
    return new PathElement('v', null, null, NO_NAMES, NO_VALUES, v, -1);
  }

  /** An element of a list by position. */
  static PathElement index(int i) {
    return new PathElement('i', null, null, NO_NAMES, NO_VALUES, null, i);
  }

  /** Parses the {@code FieldsV1} spelling of an element. */
  static PathElement parse(String s) {
    if (s.length() < 2 || s.charAt(1) != ':') {
      throw new IllegalArgumentException("not a managed-fields path element: " + s);
    }
    String rest = s.substring(2);
    try {
      return switch (s.charAt(0)) {
        case 'f' -> field(rest);
        case 'k' -> {
          JsonNode k = JSON.readTree(rest);
          if (!k.isObject()) {
            throw new IllegalArgumentException("not a key: " + s);
          }
          List<String> names = new ArrayList<>();
          k.fieldNames().forEachRemaining(names::add);
          yield key(k, names);
        }
        case 'v' -> value(JSON.readTree(rest));
        case 'i' -> index(Integer.parseInt(rest));
        default -> throw new IllegalArgumentException("not a managed-fields path element: " + s);
      };
    } catch (JsonProcessingException | NumberFormatException e) {
      throw new IllegalArgumentException("not a managed-fields path element: " + s, e);
    }
  }

  /** {@code 'f'}, {@code 'k'}, {@code 'v'} or {@code 'i'}. */
  char kind() {
    return kind;
  }

  /** The field name of an {@code f:} element, else null. */
  String field() {
    return field;
  }

  /** The key fields of a {@code k:} element, sorted by name, else null. */
  ObjectNode key() {
    return key;
  }

  /** The value of a {@code v:} element, else null. */
  JsonNode value() {
    return value;
  }

  /** The index of an {@code i:} element, else -1. */
  int index() {
    return index;
  }

  /** The {@code FieldsV1} spelling, e.g. {@code f:data} or {@code k:{"name":"c"}}. */
  @Override
  public String toString() {
    String s = spelling;
    if (s == null) {
      s = switch (kind) {
        case 'f' -> "f:" + field;
        case 'k' -> "k:" + keyJson();
        case 'v' -> "v:" + (isPlain(value) ? plainJson(value) : value.toString());
        default -> "i:" + index;
      };
      spelling = s;
    }
    return s;
  }

  /** {@link #key} as JSON: written here when its names and values are plain, else by Jackson. */
  private String keyJson() {
    StringBuilder b = new StringBuilder(16 * keyNames.length + 2).append('{');
    for (int i = 0; i < keyNames.length; i++) {
      if (!isPlain(keyNames[i]) || !isPlain(keyValues[i])) {
        return key.toString();
      }
      b.append(i == 0 ? "\"" : ",\"").append(keyNames[i]).append("\":").append(plainJson(keyValues[i]));
    }
    return b.append('}').toString();
  }

  /**
   * Whether a value is one whose JSON {@link #plainJson} writes exactly as Jackson does: a string of printable
   * ASCII that needs no escapes, an integer or a boolean. Jackson's writer costs more than the rest of the
   * spelling, and keys are mostly names and ports.
   */
  private static boolean isPlain(JsonNode v) {
    return v.isTextual() ? isPlain(v.textValue()) : v.isInt() || v.isLong() || v.isBoolean();
  }

  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch > 0x7e || ch == '"' || ch == '\\') {
        return false;
      }
    }
    return true;
  }

  private static String plainJson(JsonNode v) {
    if (v.isTextual()) {
      return '"' + v.textValue() + '"';
    }
    return v.isBoolean() ? String.valueOf(v.booleanValue()) : String.valueOf(v.longValue());
  }

  /** The element as the server prints it in conflict messages, e.g. {@code .data.key} or {@code [name="c"]}. */
  String display() {
    return switch (kind) {
      case 'f' -> "." + field;
      case 'k' -> {
        StringBuilder b = new StringBuilder("[");
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : key.properties()) {
          b.append(first ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
          first = false;
        }
        yield b.append(']').toString();
      }
      case 'v' -> "[=" + value + "]";
      default -> "[" + index + "]";
    };
  }

  @Override
  public int compareTo(PathElement o) {
    if (kind != o.kind) {
      return Integer.compare(rank(kind), rank(o.kind));
    }
    return switch (kind) {
      case 'f' -> field.compareTo(o.field);
      case 'k' -> compareKeys(o);
      case 'v' -> compareValues(value, o.value);
      default -> Integer.compare(index, o.index);
    };
  }

  private static int rank(char kind) {
    return switch (kind) {
      case 'f' -> 0;
      case 'k' -> 1;
      case 'v' -> 2;
      default -> 3;
    };
  }

  /** Key field lists compare field by field (name, then value), a shorter list first on a tie. */
  private int compareKeys(PathElement o) {
    int n = Math.min(keyNames.length, o.keyNames.length);
    for (int i = 0; i < n; i++) {
      int c = keyNames[i].compareTo(o.keyNames[i]);
      if (c != 0) {
        return c;
      }
      c = compareValues(keyValues[i], o.keyValues[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(keyNames.length, o.keyNames.length);
  }

  /** {@link JsonValues#compare}, without its decimal conversions for the usual strings and integers. */
  private static int compareValues(JsonNode a, JsonNode b) {
    if (a.isTextual() && b.isTextual()) {
      return a.textValue().compareTo(b.textValue());
    }
    if ((a.isInt() || a.isLong()) && (b.isInt() || b.isLong())) {
      return Long.compare(a.longValue(), b.longValue());
    }
    return JsonValues.compare(a, b);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PathElement p && compareTo(p) == 0;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = toString().hashCode();
      hash = h;
    }
    return h;
  }
}
