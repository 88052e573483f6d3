package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.gen.Schema;
import java.util.Map;

/**
 * The three patch formats the API server accepts (server-side apply lives in {@link ManagedFieldsTracker}).
 *
 * <p>Every method returns a new tree and leaves its inputs unmodified. Parsing the request body is the
 * caller's job; the server answers a body that is not JSON with 400 {@code error decoding patch: <Go decoder
 * error>}.
 */
public final class Patches {
  private Patches() {}

  /**
   * Applies a JSON merge patch (RFC 7386) and returns the result: an object patch merges key by key, a
   * {@code null} value deletes the key, any other value (arrays included) replaces; a non-object patch
   * replaces the whole target.
   */
  public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject()
        ? (ObjectNode) target.deepCopy()
        : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  /**
   * Applies a JSON patch (RFC 6902) and returns the result.
   *
   * @throws PatchException 400 when the patch is not a list of operation objects; 422 (with the server's
   *     generic message) when an operation cannot be applied: a missing path, a failed {@code test}, an
   *     unknown {@code op}
   */
  public static JsonNode jsonPatch(JsonNode target, JsonNode patch) throws PatchException {
    return JsonPatch.apply(target, patch);
  }

  /**
   * Applies a strategic merge patch to an object of the named schema type (e.g. {@code Pod}), using the
   * schema's patch strategies and merge keys, with the classpath schema.
   *
   * @throws PatchException 400 for a patch that is not an object or has malformed directives; 422 for
   *     content the server rejects (lists of lists, keys outside {@code $retainKeys}); 500 for errors the
   *     server does not classify (a missing merge key, an unknown {@code $patch} value)
   * @throws IllegalArgumentException when the schema has no type {@code typeName}
   */
  public static JsonNode strategicMergePatch(JsonNode target, JsonNode patch, String typeName)
      throws PatchException {
    return strategicMergePatch(target, patch, typeName, StandardSchema.get());
  }

  /**
   * Applies a strategic merge patch like {@link #strategicMergePatch(JsonNode, JsonNode, String)}, with
   * the patch facts of the given schema.
   */
  public static JsonNode strategicMergePatch(JsonNode target, JsonNode patch, String typeName, Schema schema)
      throws PatchException {
    return StrategicMergePatch.apply(target, patch, Shape.root(schema, typeName));
  }
}
