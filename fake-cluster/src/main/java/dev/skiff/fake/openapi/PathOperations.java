package dev.skiff.fake.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.discovery.ServedResources.GroupVersion;
import dev.skiff.fake.discovery.ServedResources.ServedKind;
import dev.skiff.gen.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The {@code paths} of one group version's OpenAPI v3 document: for every served kind and verb the operation
 * the real server describes, with the real operation ids ({@code patchCoreV1NamespacedPod}), the
 * {@code x-kubernetes-action} and {@code x-kubernetes-group-version-kind} extensions and the query
 * parameters. kubectl reads these to decide how to talk to a kind: {@code create}/{@code apply} send
 * {@code fieldValidation=Strict} only when the kind's PATCH operation lists a {@code fieldValidation}
 * parameter, and {@code apply} finds the kind's schema through the operation's GVK.
 */
final class PathOperations {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Content types the fake answers objects with. */
  private static final List<String> OBJECT_TYPES = List.of("application/json");
  /** Content types the fake answers lists and watches with. */
  private static final List<String> LIST_TYPES = List.of("application/json", "application/json;stream=watch");
  /** Patch content types the fake accepts, in the real document's order. */
  private static final List<String> PATCH_TYPES = List.of("application/apply-patch+yaml",
      "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json");

  /**
   * Kinds whose DELETE answers with the deleted object rather than a Status, as their registries in the real
   * server do (the object carries the deletion timestamp or final state clients wait on).
   */
  private static final java.util.Set<String> RETURNS_DELETED_OBJECT =
      java.util.Set.of("v1/Pod", "v1/Service", "v1/ServiceAccount");

  private final Schema schema;
  private final Function<String, String> refOf;

  /**
   * Creates the builder.
   *
   * @param schema the API schema, for the kinds of subresources
   * @param refOf turns a definition name into a {@code $ref} value
   */
  PathOperations(Schema schema, Function<String, String> refOf) {
    this.schema = schema;
    this.refOf = refOf;
  }

  /** The paths of a group version, sorted by path. */
  Map<String, ObjectNode> paths(GroupVersion gv) {
    Map<String, ObjectNode> paths = new TreeMap<>();
    String prefix = gv.group().isEmpty() ? "/api/" + gv.version() : "/apis/" + gv.groupVersion();
    Names n = new Names(gv.group(), gv.version());

    ObjectNode root = JSON.objectNode();
    root.set("get", operation(n, "get available resources", "get" + n.id + "APIResources", null,
        responses(Map.of("200", SchemaNames.API_RESOURCE_LIST), OBJECT_TYPES), null, null));
    paths.put(prefix + "/", root);

    for (ServedKind k : gv.kinds()) {
      addKind(paths, prefix, n, k);
    }
    return paths;
  }

  private void addKind(Map<String, ObjectNode> paths, String prefix, Names n, ServedKind k) {
    String kind = k.kind();
    String def = SchemaNames.of(k.type());
    String listDef = def + "List";
    boolean ns = k.resource().namespaced();
    String scope = ns ? "Namespaced" : "";
    String collection = ns ? prefix + "/namespaces/{namespace}/" + k.plural() : prefix + "/" + k.plural();
    String item = collection + "/{name}";
    ObjectNode gvk = ComponentSchemas.gvk(k.group(), k.version(), kind);

    ObjectNode coll = JSON.objectNode();
    if (k.supports("list")) {
      coll.set("get", operation(n, "list or watch objects of kind " + kind, "list" + n.id + scope + kind,
          Parameters.list(), responses(Map.of("200", listDef), LIST_TYPES), "list", gvk));
    }
    if (k.supports("create")) {
      coll.set("post", operation(n, "create a " + kind, "create" + n.id + scope + kind, Parameters.write(false),
          responses(Map.of("200", def, "201", def, "202", def), OBJECT_TYPES), "post", gvk)
          .set("requestBody", body(def)));
    }
    if (k.supports("deletecollection")) {
      coll.set("delete", operation(n, "delete collection of " + kind, "delete" + n.id + "Collection" + scope + kind,
          Parameters.deleteCollection(), responses(Map.of("200", SchemaNames.STATUS), OBJECT_TYPES),
          "deletecollection", gvk).set("requestBody", body(SchemaNames.DELETE_OPTIONS)));
    }
    if (!coll.isEmpty()) {
      coll.set("parameters", Parameters.pathParameters(ns, false));
      paths.put(collection, coll);
    }

    ObjectNode one = JSON.objectNode();
    if (k.supports("get")) {
      one.set("get", operation(n, "read the specified " + kind, "read" + n.id + scope + kind, null,
          responses(Map.of("200", def), OBJECT_TYPES), "get", gvk));
    }
    if (k.supports("update")) {
      one.set("put", operation(n, "replace the specified " + kind, "replace" + n.id + scope + kind,
          Parameters.write(false), responses(Map.of("200", def, "201", def), OBJECT_TYPES), "put", gvk)
          .set("requestBody", body(def)));
    }
    if (k.supports("delete")) {
      String deleted = RETURNS_DELETED_OBJECT.contains(k.groupVersion() + "/" + kind) ? def : SchemaNames.STATUS;
      one.set("delete", operation(n, "delete a " + kind, "delete" + n.id + scope + kind, Parameters.delete(),
          responses(Map.of("200", deleted, "202", deleted), OBJECT_TYPES), "delete", gvk)
          .set("requestBody", body(SchemaNames.DELETE_OPTIONS)));
    }
    if (k.supports("patch")) {
      one.set("patch", operation(n, "partially update the specified " + kind, "patch" + n.id + scope + kind,
          Parameters.write(true), responses(Map.of("200", def, "201", def), OBJECT_TYPES), "patch", gvk)
          .set("requestBody", patchBody()));
    }
    if (!one.isEmpty()) {
      one.set("parameters", Parameters.pathParameters(ns, true));
      paths.put(item, one);
    }

    if (ns && k.supports("list")) {
      ObjectNode all = JSON.objectNode();
      all.set("get", operation(n, "list or watch objects of kind " + kind, "list" + n.id + kind + "ForAllNamespaces",
          null, responses(Map.of("200", listDef), LIST_TYPES), "list", gvk));
      ArrayNode params = Parameters.list();
      params.add(Parameters.pretty());
      all.set("parameters", params);
      paths.put(prefix + "/" + k.plural(), all);
    }
    if (k.supports("watch")) {
      addWatchPaths(paths, prefix, n, k, gvk);
    }
    for (Schema.Subresource s : k.subresources()) {
      // A subresource whose body kind the schema does not model (e.g. Eviction) cannot be described.
      if (s.kind().equals(kind) || schema.types().containsKey(s.kind())) {
        addSubresource(paths, item, n, k, s);
      }
    }
  }

  /** The deprecated {@code /watch/} paths the real server still documents. */
  private void addWatchPaths(Map<String, ObjectNode> paths, String prefix, Names n, ServedKind k, ObjectNode gvk) {
    String kind = k.kind();
    boolean ns = k.resource().namespaced();
    String scope = ns ? "Namespaced" : "";
    String base = ns ? prefix + "/watch/namespaces/{namespace}/" + k.plural() : prefix + "/watch/" + k.plural();
    String event = SchemaNames.WATCH_EVENT;
    String deprecated = ". deprecated: use the 'watch' parameter with a list operation instead";

    ObjectNode list = JSON.objectNode();
    list.set("get", operation(n, "watch individual changes to a list of " + kind + deprecated + ".",
        "watch" + n.id + scope + kind + "List", null, responses(Map.of("200", event), LIST_TYPES), "watchlist", gvk));
    ArrayNode listParams = Parameters.list();
    listParams.addAll(Parameters.pathParameters(ns, false));
    list.set("parameters", listParams);
    paths.put(base, list);

    ObjectNode one = JSON.objectNode();
    one.set("get", operation(n, "watch changes to an object of kind " + kind + deprecated
        + ", filtered to a single item with the 'fieldSelector' parameter.", "watch" + n.id + scope + kind, null,
        responses(Map.of("200", event), LIST_TYPES), "watch", gvk));
    ArrayNode oneParams = Parameters.list();
    oneParams.addAll(Parameters.pathParameters(ns, true));
    one.set("parameters", oneParams);
    paths.put(base + "/{name}", one);

    if (ns) {
      ObjectNode all = JSON.objectNode();
      all.set("get", operation(n, "watch individual changes to a list of " + kind + deprecated + ".",
          "watch" + n.id + kind + "ListForAllNamespaces", null, responses(Map.of("200", event), LIST_TYPES),
          "watchlist", gvk));
      ArrayNode params = Parameters.list();
      params.add(Parameters.pretty());
      all.set("parameters", params);
      paths.put(prefix + "/watch/" + k.plural(), all);
    }
  }

  private void addSubresource(Map<String, ObjectNode> paths, String item, Names n, ServedKind k,
      Schema.Subresource s) {
    String kind = k.kind();
    String scope = k.resource().namespaced() ? "Namespaced" : "";
    String suffix = Character.toUpperCase(s.name().charAt(0)) + s.name().substring(1);
    String subGroup = s.group().isEmpty() && s.version().isEmpty() ? k.group() : s.group();
    String subVersion = s.version().isEmpty() ? k.version() : s.version();
    ObjectNode gvk = ComponentSchemas.gvk(subGroup, subVersion, s.kind());
    boolean log = s.name().equals("log");
    // The status subresource carries the parent kind; scale an autoscaling/v1 Scale.
    String def = SchemaNames.of(s.kind().equals(kind) ? k.type() : schema.type(s.kind()));
    String what = s.name() + " of the specified " + kind;
    ObjectNode path = JSON.objectNode();
    if (s.verbs().contains("get")) {
      ObjectNode responses = log ? textResponse() : responses(Map.of("200", def), OBJECT_TYPES);
      path.set("get", operation(n, "read " + what, "read" + n.id + scope + kind + suffix, null, responses,
          "get", gvk));
    }
    if (s.verbs().contains("update")) {
      path.set("put", operation(n, "replace " + what, "replace" + n.id + scope + kind + suffix,
          Parameters.write(false), responses(Map.of("200", def, "201", def), OBJECT_TYPES), "put", gvk)
          .set("requestBody", body(def)));
    }
    if (s.verbs().contains("patch")) {
      path.set("patch", operation(n, "partially update " + what, "patch" + n.id + scope + kind + suffix,
          Parameters.write(true), responses(Map.of("200", def, "201", def), OBJECT_TYPES), "patch", gvk)
          .set("requestBody", patchBody()));
    }
    ArrayNode params = log ? Parameters.log() : JSON.arrayNode();
    params.addAll(Parameters.pathParameters(k.resource().namespaced(), true));
    path.set("parameters", params);
    paths.put(item + "/" + s.name(), path);
  }

  private ObjectNode operation(Names n, String description, String operationId, ArrayNode parameters,
      ObjectNode responses, String action, ObjectNode gvk) {
    ObjectNode op = JSON.objectNode();
    op.putArray("tags").add(n.tag);
    op.put("description", description);
    op.put("operationId", operationId);
    if (parameters != null) {
      op.set("parameters", parameters);
    }
    op.set("responses", responses);
    if (action != null) {
      op.put("x-kubernetes-action", action);
      op.set("x-kubernetes-group-version-kind", gvk.deepCopy());
    }
    return op;
  }

  private ObjectNode responses(Map<String, String> byStatus, List<String> contentTypes) {
    ObjectNode r = JSON.objectNode();
    new TreeMap<>(byStatus).forEach((status, def) -> {
      ObjectNode resp = r.putObject(status);
      resp.put("description", switch (status) {
        case "201" -> "Created";
        case "202" -> "Accepted";
        default -> "OK";
      });
      ObjectNode content = resp.putObject("content");
      for (String type : contentTypes) {
        content.putObject(type).putObject("schema").put("$ref", refOf.apply(def));
      }
    });
    r.putObject("401").put("description", "Unauthorized");
    return r;
  }

  private static ObjectNode textResponse() {
    ObjectNode r = JSON.objectNode();
    ObjectNode ok = r.putObject("200");
    ok.put("description", "OK");
    ok.putObject("content").putObject("text/plain").putObject("schema").put("type", "string");
    r.putObject("401").put("description", "Unauthorized");
    return r;
  }

  private ObjectNode body(String def) {
    ObjectNode b = JSON.objectNode();
    b.putObject("content").putObject("*/*").putObject("schema").put("$ref", refOf.apply(def));
    b.put("required", true);
    return b;
  }

  private ObjectNode patchBody() {
    ObjectNode b = JSON.objectNode();
    ObjectNode content = b.putObject("content");
    for (String type : PATCH_TYPES) {
      content.putObject(type).putObject("schema").put("$ref", refOf.apply(SchemaNames.PATCH));
    }
    b.put("required", true);
    return b;
  }

  /**
   * The naming of a group version in tags and operation ids: {@code core_v1}/{@code CoreV1},
   * {@code coordination_v1}/{@code CoordinationV1} ({@code .k8s.io} dropped, the rest camel-cased).
   */
  private static final class Names {
    final String tag;
    final String id;

    Names(String group, String version) {
      String g = group.isEmpty() ? "core" : group.replaceFirst("\\.k8s\\.io$", "");
      StringBuilder camel = new StringBuilder();
      StringBuilder lowerCamel = new StringBuilder();
      for (String part : g.split("\\.")) {
        String cap = part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1);
        camel.append(cap);
        lowerCamel.append(lowerCamel.length() == 0 ? part : cap);
      }
      String v = version.substring(0, 1).toUpperCase(Locale.ROOT) + version.substring(1);
      this.tag = lowerCamel + "_" + version;
      this.id = camel + v;
    }
  }
}
