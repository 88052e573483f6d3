package dev.skiff.fake.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parameters of the API's operations, named and typed as the real server declares them (every query
 * parameter's schema carries {@code uniqueItems: true}, as there), with Skiff's own descriptions.
 */
final class Parameters {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Parameters() {}

  /** Query parameters of list and watch operations. */
  static ArrayNode list() {
    ArrayNode a = JSON.arrayNode();
    a.add(query("allowWatchBookmarks", "boolean",
        "Asks a watch to send BOOKMARK events that carry only a newer resourceVersion; ignored by lists."));
    a.add(query("continue", "string", "Token from the previous page of a paged list, to fetch the next page."));
    a.add(query("fieldSelector", "string", "Restricts the result to objects whose fields match, such as"
        + " metadata.name=web; everything when empty."));
    a.add(query("labelSelector", "string", "Restricts the result to objects whose labels match, such as"
        + " app=web or tier in (a,b); everything when empty."));
    a.add(query("limit", "integer", "Largest number of items to return in one page; more are announced with"
        + " a continue token."));
    a.add(query("resourceVersion", "string", "Where to read from: unset for the newest data, 0 for any,"
        + " or a version to start a watch after."));
    a.add(query("resourceVersionMatch", "string", "How resourceVersion applies to a list: Exact or"
        + " NotOlderThan."));
    a.add(query("sendInitialEvents", "boolean", "Asks a watch to start with the current objects as ADDED"
        + " events followed by a bookmark."));
    a.add(query("timeoutSeconds", "integer", "Ends a list or watch call after this many seconds."));
    a.add(query("watch", "boolean", "Streams changes as watch events instead of returning a list."));
    return a;
  }

  /** Query parameters of create, update ({@code patch} false) and patch ({@code patch} true). */
  static ArrayNode write(boolean patch) {
    ArrayNode a = JSON.arrayNode();
    a.add(dryRun());
    a.add(query("fieldManager", "string", "Name of the actor making the change, recorded in managedFields;"
        + " required for apply patches. At most 128 printable characters."));
    a.add(query("fieldValidation", "string", "What to do with unknown or duplicate fields in the body:"
        + " Ignore drops them, Warn drops them with a Warning header, Strict refuses the request."));
    if (patch) {
      a.add(query("force", "boolean", "Makes an apply patch take over fields owned by other managers"
          + " instead of failing with a conflict; only for apply patches."));
    }
    return a;
  }

  /** Query parameters of deleting one object. */
  static ArrayNode delete() {
    ArrayNode a = JSON.arrayNode();
    a.add(dryRun());
    addDeleteOptions(a);
    return a;
  }

  /** Query parameters of deleting a collection. */
  static ArrayNode deleteCollection() {
    ArrayNode list = list();
    ArrayNode a = JSON.arrayNode();
    for (String name : new String[] {"continue", "dryRun", "fieldSelector", "gracePeriodSeconds",
        "ignoreStoreReadErrorWithClusterBreakingPotential", "labelSelector", "limit", "orphanDependents",
        "propagationPolicy", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds"}) {
      ObjectNode p = find(list, name);
      if (p == null) {
        ArrayNode d = delete();
        p = find(d, name);
      }
      a.add(p);
    }
    return a;
  }

  private static void addDeleteOptions(ArrayNode a) {
    a.add(query("gracePeriodSeconds", "integer", "Seconds to wait before the object is deleted; 0 deletes"
        + " at once, unset uses the kind's default."));
    a.add(query("ignoreStoreReadErrorWithClusterBreakingPotential", "boolean", "Removes an object that"
        + " cannot be read from storage, skipping finalizers and preconditions. Unsafe."));
    a.add(query("orphanDependents", "boolean", "Deprecated, use propagationPolicy. Whether dependents are"
        + " left behind instead of garbage collected."));
    a.add(query("propagationPolicy", "string", "How dependents are garbage collected: Orphan, Background"
        + " or Foreground."));
  }

  /** Query parameters of reading a pod's log. */
  static ArrayNode log() {
    ArrayNode a = JSON.arrayNode();
    a.add(query("container", "string", "Container to read the log of; may be omitted when the pod has one"
        + " container."));
    a.add(query("follow", "boolean", "Keeps the response open and streams new log lines."));
    a.add(query("insecureSkipTLSVerifyBackend", "boolean", "Skips verifying the kubelet's serving"
        + " certificate while fetching the log."));
    a.add(query("limitBytes", "integer", "Stops the log after this many bytes."));
    a.add(query("previous", "boolean", "Returns the log of the previous, terminated instance of the"
        + " container."));
    a.add(query("sinceSeconds", "integer", "Only lines newer than this many seconds."));
    a.add(query("stream", "string", "Which stream to return: All, Stdout or Stderr."));
    a.add(query("tailLines", "integer", "Only this many lines from the end of the log."));
    a.add(query("timestamps", "boolean", "Prefixes every line with its RFC 3339 timestamp."));
    return a;
  }

  /** The path-level parameters: {@code name} for item paths, {@code namespace} when namespaced, {@code pretty}. */
  static ArrayNode pathParameters(boolean namespaced, boolean item) {
    ArrayNode a = JSON.arrayNode();
    if (item) {
      a.add(path("name", "Name of the object."));
    }
    if (namespaced) {
      a.add(path("namespace", "Namespace of the object."));
    }
    a.add(pretty());
    return a;
  }

  /** The {@code pretty} parameter. */
  static ObjectNode pretty() {
    return query("pretty", "string", "Indents the output when 'true'.");
  }

  private static ObjectNode dryRun() {
    return query("dryRun", "string", "Set to All to validate and run the request without persisting"
        + " anything; no other value is allowed.");
  }

  private static ObjectNode find(ArrayNode a, String name) {
    for (var n : a) {
      if (n.path("name").asText().equals(name)) {
        return (ObjectNode) n;
      }
    }
    return null;
  }

  private static ObjectNode query(String name, String type, String description) {
    ObjectNode p = JSON.objectNode();
    p.put("name", name);
    p.put("in", "query");
    p.put("description", description);
    p.putObject("schema").put("type", type).put("uniqueItems", true);
    return p;
  }

  private static ObjectNode path(String name, String description) {
    ObjectNode p = JSON.objectNode();
    p.put("name", name);
    p.put("in", "path");
    p.put("description", description);
    p.put("required", true);
    p.putObject("schema").put("type", "string").put("uniqueItems", true);
    return p;
  }
}
