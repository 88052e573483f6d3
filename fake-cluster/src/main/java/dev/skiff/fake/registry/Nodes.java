package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Small accessors over Jackson trees with Go's zero-value view: a missing or null field reads as empty,
 * a field that is set to an empty value counts as unset where Go's {@code omitempty} would drop it.
 */
final class Nodes {
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Nodes() {}

  /** The string at {@code field}, or empty when missing, null or not a string. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() ? v.textValue() : "";
  }

  /** Whether {@code field} is present and not null. */
  static boolean has(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && !v.isNull();
  }

  /** The object at {@code field}, or null when missing or not an object. */
  static ObjectNode object(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v instanceof ObjectNode ? (ObjectNode) v : null;
  }

  /** The object at {@code field}, created (or replacing a null) when it is not there. */
  static ObjectNode objectOrCreate(ObjectNode node, String field) {
    JsonNode v = node.get(field);
    if (v instanceof ObjectNode) {
      return (ObjectNode) v;
    }
    return node.putObject(field);
  }

  /** The array at {@code field}, or null when missing or not an array. */
  static ArrayNode array(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v instanceof ArrayNode ? (ArrayNode) v : null;
  }

  /** The array at {@code field}, created (or replacing a null) when it is not there. */
  static ArrayNode arrayOrCreate(ObjectNode node, String field) {
    JsonNode v = node.get(field);
    if (v instanceof ArrayNode) {
      return (ArrayNode) v;
    }
    return node.putArray(field);
  }

  /** The object elements of the array at {@code field}; empty when there is none. */
  static List<ObjectNode> objects(JsonNode node, String field) {
    List<ObjectNode> out = new ArrayList<>();
    ArrayNode a = array(node, field);
    if (a != null) {
      for (JsonNode e : a) {
        if (e instanceof ObjectNode) {
          out.add((ObjectNode) e);
        }
      }
    }
    return out;
  }

  /** Whether the field is missing, null, an empty string, an empty array or an empty object. */
  static boolean isEmpty(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) {
      return true;
    }
    if (v.isTextual()) {
      return v.textValue().isEmpty();
    }
    return (v.isArray() || v.isObject()) && v.size() == 0;
  }

  /** Sets a string field unless it already holds a non-empty value (Go's {@code if x == "" { x = d }}). */
  static void defaultText(ObjectNode node, String field, String value) {
    if (text(node, field).isEmpty()) {
      node.put(field, value);
    }
  }

  /** Sets a field unless it is present and not null (Go's {@code if x == nil { x = &d }}). */
  static void defaultValue(ObjectNode node, String field, JsonNode value) {
    if (!has(node, field)) {
      node.set(field, value);
    }
  }

  /**
   * The string entries of a map field (e.g. labels), or of {@code node} itself when {@code field} is null;
   * values that are not strings read as empty.
   */
  static List<Map.Entry<String, String>> stringMap(JsonNode node, String field) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    ObjectNode m = field == null ? (node instanceof ObjectNode ? (ObjectNode) node : null) : object(node, field);
    if (m != null) {
      Iterator<Map.Entry<String, JsonNode>> it = m.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(Map.entry(e.getKey(), e.getValue().isTextual() ? e.getValue().textValue() : ""));
      }
    }
    return out;
  }

  /** The metadata object, created when missing. */
  static ObjectNode metadata(ObjectNode object) {
    return objectOrCreate(object, "metadata");
  }

  /**
   * Go's semantic equality for the purposes of change detection: a missing field equals a null, an empty string,
   * an empty list or map, zero and false (what {@code omitempty} drops).
   */
  static boolean semanticallyEqual(JsonNode a, JsonNode b) {
    if (isZero(a) && isZero(b)) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a.isObject() && b.isObject()) {
      List<String> names = new ArrayList<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(n -> {
        if (!a.has(n)) {
          names.add(n);
        }
      });
      for (String n : names) {
        if (!semanticallyEqual(a.get(n), b.get(n))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!semanticallyEqual(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static boolean isZero(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return true;
    }
    if (n.isTextual()) {
      return n.textValue().isEmpty();
    }
    if (n.isContainerNode()) {
      return n.size() == 0;
    }
    return false;
  }
}
