package dev.skiff.fake.store;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One stored object, held compactly: its serialized JSON plus the few facts lists and watches filter on, so
 * reads never parse JSON.
 *
 * @param resource the resource (plural) it belongs to, e.g. {@code pods} or {@code deployments.apps}
 * @param namespace its namespace, {@code ""} for cluster-scoped objects
 * @param name its name
 * @param uid its uid
 * @param resourceVersion the counter value of its last write
 * @param labels its labels
 * @param fields the values of the field-selector fields its kind supports
 * @param json the object as JSON; it starts with {@code {"kind":..,"apiVersion":..,} (see {@link #itemJson()})
 * @param headerLength how many bytes of {@code json} after the opening brace are the kind and apiVersion members
 */
public record StoredObject(String resource, String namespace, String name, String uid, long resourceVersion,
    Map<String, String> labels, Map<String, String> fields, byte[] json, int headerLength) {

  /** The store key: {@code namespace/name}, which orders lists as the real server does. */
  public String key() {
    return key(namespace, name);
  }

  /** The store key of a namespace and name. */
  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /**
   * The object as a list item: without kind and apiVersion, as the real server writes list items.
   *
   * @return JSON bytes
   */
  public byte[] itemJson() {
    byte[] out = new byte[json.length - headerLength];
    out[0] = '{';
    System.arraycopy(json, 1 + headerLength, out, 1, json.length - 1 - headerLength);
    return out;
  }

  /**
   * Writes the object as a list item (see {@link #itemJson()}) without copying it first.
   *
   * @param out where to write
   */
  public void writeItemJson(java.io.ByteArrayOutputStream out) {
    out.write('{');
    out.write(json, 1 + headerLength, json.length - 1 - headerLength);
  }

  /** The JSON as text, for diagnostics. */
  @Override
  public String toString() {
    return new String(json, StandardCharsets.UTF_8);
  }
}
