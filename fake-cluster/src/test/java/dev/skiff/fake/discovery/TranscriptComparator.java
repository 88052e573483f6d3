package dev.skiff.fake.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares an answer with a recorded transcript body the way the reference harness does for discovery steps:
 * JSON equality except that listed arrays are compared as subsets by a key (every entry served must equal
 * the recorded entry of the same key, and required keys must be there). Differences are collected as
 * {@code path: expected vs got} lines.
 */
final class TranscriptComparator {

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** Lists compared as subsets: the JSON path pattern (with {@code [*]}) and the key field. */
  private final Map<String, String> subsetBy;
  private final List<String> differences = new ArrayList<>();

  TranscriptComparator(Map<String, String> subsetBy) {
    this.subsetBy = subsetBy;
  }

  /** Compares and returns the differences, empty when equal. */
  List<String> compare(JsonNode expected, JsonNode actual) {
    differences.clear();
    walk("$", "$", expected, actual);
    return List.copyOf(differences);
  }

  /** Checks that a subset list contains entries with every required key. */
  static List<String> missingKeys(JsonNode list, String key, List<String> required) {
    TreeSet<String> have = new TreeSet<>();
    list.forEach(e -> have.add(e.path(key).asText()));
    return required.stream().filter(r -> !have.contains(r)).toList();
  }

  private void walk(String path, String pattern, JsonNode expected, JsonNode actual) {
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      expected.fieldNames().forEachRemaining(keys::add);
      actual.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        JsonNode e = expected.get(k);
        JsonNode a = actual.get(k);
        if ((e == null || a == null) && subsetBy.containsKey(pattern + "." + k)) {
          // An absent subset list is an empty one: the server serves none of the recorded entries.
          walk(path + "." + k, pattern + "." + k, e == null ? MAPPER.createArrayNode() : e,
              a == null ? MAPPER.createArrayNode() : a);
        } else if (e == null || a == null) {
          differences.add(path + "." + k + ": expected " + e + " vs got " + a);
        } else {
          walk(path + "." + k, pattern + "." + k, e, a);
        }
      }
    } else if (expected.isArray() && actual.isArray()) {
      String key = subsetBy.get(pattern);
      if (key != null) {
        for (JsonNode a : actual) {
          JsonNode e = find(expected, key, a.path(key).asText());
          if (e == null) {
            differences.add(path + ": served entry " + a.path(key) + " is not in the recording");
          } else {
            walk(path + "[" + key + "=" + a.path(key).asText() + "]", pattern + "[*]", e, a);
          }
        }
      } else if (expected.size() != actual.size()) {
        differences.add(path + ": expected " + expected + " vs got " + actual);
      } else {
        for (int i = 0; i < expected.size(); i++) {
          walk(path + "[" + i + "]", pattern + "[*]", expected.get(i), actual.get(i));
        }
      }
    } else if (!expected.equals(actual)) {
      differences.add(path + ": expected " + expected + " vs got " + actual);
    }
  }

  private static JsonNode find(JsonNode list, String key, String value) {
    for (JsonNode e : list) {
      if (e.path(key).asText().equals(value)) {
        return e;
      }
    }
    return null;
  }

  /** Replaces the values of an object's fields with a mask, keeping the keys (as the harness does for /version). */
  static void maskValues(ObjectNode o) {
    Iterator<String> it = o.fieldNames();
    List<String> names = new ArrayList<>();
    it.forEachRemaining(names::add);
    names.forEach(n -> o.put(n, "<masked>"));
  }
}
