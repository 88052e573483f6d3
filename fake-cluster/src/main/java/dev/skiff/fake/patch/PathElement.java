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
 * name, then keys, then values, then indices.
 *
 * @param kind {@code 'f'}, {@code 'k'}, {@code 'v'} or {@code 'i'}
 * @param field the field name of an {@code f:} element, else null
 * @param key the key fields of a {@code k:} element, sorted by name, else null
 * @param value the value of a {@code v:} element, else null
 * @param index the index of an {@code i:} element, else -1
 */
record PathElement(char kind, String field, ObjectNode key, JsonNode value, int index)
    implements Comparable<PathElement> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A field or map key. */
  static PathElement field(String name) {
    return new PathElement('f', name, null, null, -1);
  }

  /** An element of a map-list, by the values of its key fields (absent keys are left out). */
  static PathElement key(JsonNode element, List<String> keyFields) {
    List<String> names = new ArrayList<>(keyFields);
    names.sort(null);
    ObjectNode key = JsonNodeFactory.instance.objectNode();
    for (String n : names) {
      JsonNode v = element.get(n);
      if (v != null && !v.isNull()) {
        key.set(n, v);
      }
    }
    return new PathElement('k', null, key, null, -1);
  }

  /** An element of a set-list. */
  static PathElement value(JsonNode v) {
    return new PathElement('v', null, null, v, -1);
  }

  /** An element of a list by position. */
  static PathElement index(int i) {
    return new PathElement('i', null, null, null, i);
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

  @Override
  public String toString() {
    return switch (kind) {
      case 'f' -> "f:" + field;
      case 'k' -> "k:" + key;
      case 'v' -> "v:" + value;
      default -> "i:" + index;
    };
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
      case 'k' -> compareKeys(key, o.key);
      case 'v' -> JsonValues.compare(value, o.value);
      default -> Integer.compare(index, o.index);
    };
  }

  private static int rank(char kind) {
    return "fkvi".indexOf(kind);
  }

  /** Key field lists compare field by field (name, then value), a shorter list first on a tie. */
  private static int compareKeys(ObjectNode a, ObjectNode b) {
    List<Map.Entry<String, JsonNode>> la = entries(a);
    List<Map.Entry<String, JsonNode>> lb = entries(b);
    for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
      int c = la.get(i).getKey().compareTo(lb.get(i).getKey());
      if (c != 0) {
        return c;
      }
      c = JsonValues.compare(la.get(i).getValue(), lb.get(i).getValue());
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(la.size(), lb.size());
  }

  private static List<Map.Entry<String, JsonNode>> entries(ObjectNode o) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    o.properties().forEach(out::add);
    return out;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PathElement p && compareTo(p) == 0;
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
