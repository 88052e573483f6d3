package dev.skiff.model.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON tree helpers shared by the round-trip tests. */
final class JsonTrees {
  private JsonTrees() {}

  /**
   * A copy without null-valued fields: the API server omits them (kubectl prints Go's zero time as null), and
   * so does Skiff.
   */
  static JsonNode withoutNulls(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node.isObject()) {
      ((ObjectNode) node).properties().removeIf(e -> e.getValue().isNull());
    }
    node.elements().forEachRemaining(JsonTrees::strip);
  }
}
