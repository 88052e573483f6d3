package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON patch (RFC 6902) as the API server applies it (it uses the evanphx/json-patch library): the operations
 * {@code add}, {@code remove}, {@code replace}, {@code move}, {@code copy} and {@code test} on JSON Pointer
 * paths (RFC 6901, {@code ~0} and {@code ~1} escapes, {@code -} for the end of an array, and, like that
 * library, negative array indices counting from the end).
 *
 * <p>Errors carry the server's answers: a patch that is not a JSON array of objects is a 400 BadRequest
 * ({@code error decoding patch: json: cannot unmarshal ...}); an operation that cannot be applied (missing
 * path, failed {@code test}, unknown {@code op}) is a 422 Invalid with the generic message {@value
 * #REJECTED}, whose Status has empty {@code details}; more than {@value #MAX_OPERATIONS} operations are a
 * 413 RequestEntityTooLarge. The reason the library gives is kept in {@link
 * PatchException#detail()} for debugging; the server does not send it.
 */
final class JsonPatch {

  /** The most operations the server accepts in one JSON patch. */
  static final int MAX_OPERATIONS = 10000;

  /** The message of the 422 answer to a JSON patch that cannot be applied. */
  static final String REJECTED = "the server rejected our request due to an error in our request";

  private JsonPatch() {}

  /** Applies {@code patch} to a deep copy of {@code target}. */
  static JsonNode apply(JsonNode target, JsonNode patch) throws PatchException {
    List<ObjectNode> ops = decode(patch);
    // The document is held in a one-element array so that operations can replace the root uniformly.
    ArrayNode holder = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    holder.add(target.deepCopy());
    for (ObjectNode op : ops) {
      applyOne(holder, op);
    }
    return holder.get(0);
  }

  /** The server first decodes the body as a list of objects; anything else is a 400 with Go's wording. */
  private static List<ObjectNode> decode(JsonNode patch) throws PatchException {
    if (patch == null || patch.isNull()) {
      return List.of(); // Go decodes null into an empty list: nothing to do.
    }
    if (!patch.isArray()) {
      throw new PatchException(400, "error decoding patch: json: cannot unmarshal " + JsonValues.goKindOf(patch)
          + " into Go value of type []handlers.jsonPatchOp");
    }
    List<ObjectNode> ops = new ArrayList<>();
    for (JsonNode op : patch) {
      if (op.isNull()) {
        ops.add(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
      } else if (!op.isObject()) {
        throw new PatchException(400, "error decoding patch: json: cannot unmarshal " + JsonValues.goKindOf(op)
            + " into Go value of type handlers.jsonPatchOp");
      } else {
        ops.add((ObjectNode) op);
      }
    }
    if (ops.size() > MAX_OPERATIONS) {
      throw new PatchException(413, "Request entity too large: The allowed maximum operations in a JSON patch is "
          + MAX_OPERATIONS + ", got " + ops.size());
    }
    return ops;
  }

  private static void applyOne(ArrayNode holder, ObjectNode op) throws PatchException {
    String kind = op.path("op").isTextual() ? op.get("op").asText() : "unknown";
    switch (kind) {
      case "add" -> add(holder, path(op, "path"), value(op));
      case "remove" -> remove(holder, path(op, "path"));
      case "replace" -> replace(holder, path(op, "path"), value(op));
      case "move" -> {
        String from = path(op, "from");
        String to = path(op, "path");
        JsonNode v = get(holder, from);
        if (v == null) {
          throw rejected("move operation does not apply: doc is missing from path: " + from);
        }
        remove(holder, from);
        add(holder, to, v);
      }
      case "copy" -> {
        String from = path(op, "from");
        JsonNode v = get(holder, from);
        if (v == null) {
          throw rejected("copy operation does not apply: doc is missing from path: " + from);
        }
        add(holder, path(op, "path"), v.deepCopy());
      }
      case "test" -> test(holder, path(op, "path"), op.get("value"));
      default -> throw rejected("Unexpected kind: " + kind);
    }
  }

  private static PatchException rejected(String detail) {
    return new PatchException(422, REJECTED, detail);
  }

  private static String path(ObjectNode op, String field) throws PatchException {
    JsonNode p = op.get(field);
    if (p == null || !p.isTextual()) {
      throw rejected("operation missing " + field + " field");
    }
    return p.asText();
  }

  private static JsonNode value(ObjectNode op) {
    JsonNode v = op.get("value");
    return v == null ? NullNode.instance : v.deepCopy();
  }

  /** The container holding the last token of {@code path}, and that token; null when the path is absent. */
  private record Location(JsonNode container, String key) {}

  private static Location locate(ArrayNode holder, String path) {
    if (path.indexOf('/') < 0) {
      return null; // the library has no location for the root
    }
    List<String> tokens = tokens(path);
    JsonNode node = holder.get(0);
    for (int i = 0; i < tokens.size() - 1; i++) {
      node = child(node, tokens.get(i));
      if (node == null || !node.isContainerNode()) {
        return null;
      }
    }
    if (!node.isContainerNode()) {
      return null;
    }
    return new Location(node, tokens.get(tokens.size() - 1));
  }

  /**
   * Splits a JSON Pointer into unescaped tokens ({@code ~1} is {@code /}, then {@code ~0} is {@code ~}).
   * Like the library, whatever precedes the first {@code /} is ignored ({@code data/z} means {@code /z}).
   */
  static List<String> tokens(String pointer) {
    List<String> out = new ArrayList<>();
    for (String raw : pointer.substring(pointer.indexOf('/') + 1).split("/", -1)) {
      out.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  private static JsonNode child(JsonNode node, String token) {
    if (node.isObject()) {
      return node.get(token);
    }
    if (node.isArray()) {
      Integer idx = index(token, node.size(), false);
      return idx == null ? null : node.get(idx);
    }
    return null;
  }

  /** An array index: digits, or negative counting from the end; null when invalid or out of range. */
  private static Integer index(String token, int size, boolean forInsert) {
    int idx;
    try {
      idx = Integer.parseInt(token);
    } catch (NumberFormatException e) {
      return null;
    }
    int bound = forInsert ? size + 1 : size;
    if (idx >= bound || idx < -bound) {
      return null;
    }
    return idx < 0 ? idx + bound : idx;
  }

  private static JsonNode get(ArrayNode holder, String path) {
    if (path.isEmpty()) {
      return holder.get(0);
    }
    Location loc = locate(holder, path);
    return loc == null ? null : child(loc.container(), loc.key());
  }

  private static void add(ArrayNode holder, String path, JsonNode value) throws PatchException {
    Location loc = locate(holder, path);
    if (loc == null) {
      throw rejected("add operation does not apply: doc is missing path: \"" + path + "\"");
    }
    if (loc.container() instanceof ObjectNode o) {
      o.set(loc.key(), value);
      return;
    }
    ArrayNode a = (ArrayNode) loc.container();
    if (loc.key().equals("-")) {
      a.add(value);
      return;
    }
    Integer idx = index(loc.key(), a.size(), true);
    if (idx == null) {
      throw rejected("Unable to access invalid index: " + loc.key());
    }
    a.insert(idx, value);
  }

  private static void remove(ArrayNode holder, String path) throws PatchException {
    Location loc = locate(holder, path);
    if (loc == null) {
      throw rejected("remove operation does not apply: doc is missing path: \"" + path + "\"");
    }
    if (loc.container() instanceof ObjectNode o) {
      if (!o.has(loc.key())) {
        throw rejected("Unable to remove nonexistent key: " + loc.key() + ": missing value");
      }
      o.remove(loc.key());
      return;
    }
    ArrayNode a = (ArrayNode) loc.container();
    Integer idx = index(loc.key(), a.size(), false);
    if (idx == null) {
      throw rejected("Unable to access invalid index: " + loc.key());
    }
    a.remove(idx);
  }

  private static void replace(ArrayNode holder, String path, JsonNode value) throws PatchException {
    Location loc = locate(holder, path);
    if (loc == null) {
      throw rejected("replace operation does not apply: doc is missing path: " + path);
    }
    if (loc.container() instanceof ObjectNode o) {
      if (!o.has(loc.key())) {
        throw rejected("replace operation does not apply: doc is missing key: " + path);
      }
      o.set(loc.key(), value);
      return;
    }
    ArrayNode a = (ArrayNode) loc.container();
    Integer idx = index(loc.key(), a.size(), false);
    if (idx == null) {
      throw rejected("Unable to access invalid index: " + loc.key());
    }
    a.set(idx, value);
  }

  private static void test(ArrayNode holder, String path, JsonNode expected) throws PatchException {
    JsonNode actual;
    if (path.isEmpty()) {
      actual = holder.get(0);
    } else {
      Location loc = locate(holder, path);
      if (loc == null) {
        throw rejected("test operation does not apply: is nil for " + path);
      }
      actual = child(loc.container(), loc.key());
    }
    boolean expectedNull = expected == null || expected.getNodeType() == JsonNodeType.NULL;
    if (actual == null || actual.isNull()) {
      // The library lets a test for null pass on a missing or null value.
      if (expectedNull) {
        return;
      }
      throw rejected("testing value " + path + " failed: test failed");
    }
    if (expectedNull || !JsonValues.equal(actual, expected)) {
      throw rejected("testing value " + path + " failed: test failed");
    }
  }
}
