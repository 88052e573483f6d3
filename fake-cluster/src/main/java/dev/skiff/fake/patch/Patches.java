package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The three patch formats the API server accepts (server-side apply lives in {@link ManagedFieldsTracker}).
 *
 * <p>SCAFFOLD: placeholder with the agreed signatures; the real implementation replaces it.
 */
public final class Patches {
  private Patches() {}

  /** Applies a JSON merge patch (RFC 7386) and returns the result; the inputs are not modified. */
  public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    throw new UnsupportedOperationException("scaffold");
  }

  /** Applies a JSON patch (RFC 6902) and returns the result; the inputs are not modified. */
  public static JsonNode jsonPatch(JsonNode target, JsonNode patch) throws PatchException {
    throw new UnsupportedOperationException("scaffold");
  }

  /**
   * Applies a strategic merge patch to an object of the named schema type (e.g. {@code Pod}), using the
   * schema's patch strategies and merge keys; the inputs are not modified.
   */
  public static JsonNode strategicMergePatch(JsonNode target, JsonNode patch, String typeName)
      throws PatchException {
    throw new UnsupportedOperationException("scaffold");
  }
}
