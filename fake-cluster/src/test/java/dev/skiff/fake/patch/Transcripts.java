package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the golden transcripts recorded from a real kube-apiserver v1.34 (copied from the shared reference
 * into {@code src/test/resources/patch/}), and normalizes managedFields the way their harness does.
 */
final class Transcripts {
  private Transcripts() {}

  /** The record of the step (or batch sub-step) named {@code step} in {@code file}. */
  static JsonNode step(String file, String step) {
    JsonNode found = find(Json.resource(file).get("steps"), step);
    if (found == null) {
      throw new IllegalArgumentException("no step " + step + " in " + file);
    }
    return found;
  }

  private static JsonNode find(JsonNode steps, String name) {
    for (JsonNode s : steps) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
      if (s.has("subs")) {
        JsonNode inner = find(s.get("subs"), name);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  /** The request body of a step. */
  static ObjectNode requestBody(String file, String step) {
    return (ObjectNode) step(file, step).at("/request/body").deepCopy();
  }

  /** The response body of a step. */
  static ObjectNode responseBody(String file, String step) {
    return (ObjectNode) step(file, step).at("/response/body").deepCopy();
  }

  /** The recorded managedFields of a step's response. */
  static JsonNode managedFields(String file, String step) {
    return responseBody(file, step).at("/metadata/managedFields");
  }

  /** A copy of managedFields with times masked, as the harness does: {@code <time>}. */
  static JsonNode masked(JsonNode managedFields) {
    ArrayNode out = managedFields.deepCopy();
    for (JsonNode e : out) {
      if (e.has("time")) {
        ((ObjectNode) e).put("time", "<time>");
      }
    }
    return out;
  }

  /**
   * managedFields normalized as the harness compares them: times masked, entries sorted by operation,
   * manager, subresource and API version (the recorded order follows times, which normalization hides).
   */
  static JsonNode normalized(JsonNode managedFields) {
    java.util.List<JsonNode> entries = new java.util.ArrayList<>();
    masked(managedFields).forEach(entries::add);
    entries.sort(java.util.Comparator.comparing((JsonNode e) -> e.path("operation").asText())
        .thenComparing(e -> e.path("manager").asText())
        .thenComparing(e -> e.path("subresource").asText())
        .thenComparing(e -> e.path("apiVersion").asText()));
    ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    entries.forEach(out::add);
    return out;
  }
}
