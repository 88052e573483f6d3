package dev.skiff.fake.store;

import java.nio.ByteBuffer;
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
 * @param json the object as JSON; it starts with <code>{"kind":..,"apiVersion":..,</code> (see {@link #itemMembers()})
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
   * The object's JSON after its opening brace and its kind and apiVersion members: an opening brace followed
   * by these bytes is the object as the real server writes it as a list item. A view of the stored bytes, not
   * a copy, so a list of thousands of objects is assembled without copying them.
   *
   * @return a buffer over the stored JSON; the caller must not write to it
   */
  public ByteBuffer itemMembers() {
    return ByteBuffer.wrap(json, 1 + headerLength, json.length - 1 - headerLength);
  }

  /** The JSON as text, for diagnostics. */
  @Override
  public String toString() {
    return new String(json, StandardCharsets.UTF_8);
  }
}
