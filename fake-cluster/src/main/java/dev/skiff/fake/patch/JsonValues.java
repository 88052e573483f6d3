package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Equality and ordering of JSON values as the API server's Go code sees them (all numbers are numbers). */
final class JsonValues {
  private JsonValues() {}

  /** Deep equality where {@code 1} and {@code 1.0} are equal, as after Go's JSON decoding. */
  static boolean equal(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        if (!equal(e.getValue(), b.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * A total order over values, as structured-merge-diff orders key values in field sets: numbers, then
   * strings, then booleans (false first), then lists, then maps, then null.
   */
  static int compare(JsonNode a, JsonNode b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    switch (ra) {
      case 0:
        return a.decimalValue().compareTo(b.decimalValue());
      case 1:
        return a.asText().compareTo(b.asText());
      case 2:
        return Boolean.compare(a.asBoolean(), b.asBoolean());
      case 3: {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = compare(a.get(i), b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      }
      case 4:
        return a.toString().compareTo(b.toString());
      default:
        return 0;
    }
  }

  private static int rank(JsonNode n) {
    if (n.isNumber()) {
      return 0;
    }
    if (n.isTextual()) {
      return 1;
    }
    if (n.isBoolean()) {
      return 2;
    }
    if (n.isArray()) {
      return 3;
    }
    if (n.isObject()) {
      return 4;
    }
    return 5;
  }

  /** How Go's encoding/json names a JSON value's kind in unmarshal errors. */
  static String goKindOf(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "array";
      case OBJECT -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "bool";
      default -> "null";
    };
  }

  /** A decoded JSON value as Go's {@code %v} prints it, for the texts of errors the server passes on. */
  static String goString(JsonNode n) {
    if (n == null || n.isNull()) {
      return "<nil>";
    }
    if (n.isObject()) {
      java.util.List<String> keys = new java.util.ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      java.util.Collections.sort(keys);
      StringBuilder b = new StringBuilder("map[");
      for (int i = 0; i < keys.size(); i++) {
        b.append(i == 0 ? "" : " ").append(keys.get(i)).append(':').append(goString(n.get(keys.get(i))));
      }
      return b.append(']').toString();
    }
    if (n.isArray()) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < n.size(); i++) {
        b.append(i == 0 ? "" : " ").append(goString(n.get(i)));
      }
      return b.append(']').toString();
    }
    if (n.isNumber()) {
      return n.decimalValue().stripTrailingZeros().toPlainString();
    }
    return n.asText();
  }
}
