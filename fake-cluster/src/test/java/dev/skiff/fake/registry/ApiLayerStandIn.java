package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What the API layer does around a {@link Strategy}, in the order {@link Registry} documents, with an in-memory
 * map as storage: enough to replay transcript steps. The kind-independent fields (uid, resourceVersion,
 * timestamps, managedFields) are left out, as the tests compare without them.
 */
final class ApiLayerStandIn {
  /** The outcome of a write: the stored object (2xx) or a Status (4xx). */
  record Result(int code, ObjectNode body) {}

  private final Map<String, ObjectNode> storage = new HashMap<>();
  private final SplittableRandom random = new SplittableRandom(42);
  private long resourceVersion;
  final Registry registry = new Registry(this::get, new SplittableRandom(7));

  /** The stored object, as the lookup the registry gets. */
  Optional<ObjectNode> get(String kind, String namespace, String name) {
    return Optional.ofNullable(storage.get(kind + "/" + namespace + "/" + name));
  }

  /** Stores an object as it is (e.g. the ServiceAccount a controller would have made). */
  void put(ObjectNode object) {
    JsonNode meta = object.get("metadata");
    storage.put(object.path("kind").asText() + "/" + meta.path("namespace").asText() + "/"
        + meta.path("name").asText(), object);
  }

  /** A stand-in whose namespace has the {@code default} ServiceAccount, as the controller makes it. */
  static ApiLayerStandIn withDefaultServiceAccount(String namespace) {
    ApiLayerStandIn api = new ApiLayerStandIn();
    ObjectNode sa = JsonNodeFactory.instance.objectNode();
    sa.put("kind", "ServiceAccount");
    sa.put("apiVersion", "v1");
    sa.putObject("metadata").put("name", "default").put("namespace", namespace);
    api.put(sa);
    return api;
  }

  /** A create through the strategy: POST to {@code namespace} ("" for cluster-scoped kinds). */
  Result create(String namespace, ObjectNode object) {
    Strategy strategy = registry.strategy(object.path("kind").asText());
    ObjectNode meta = Nodes.metadata(object);
    if (strategy.namespaced()) {
      meta.put("namespace", namespace);
    }
    try {
      strategy.prepareForCreate(object);
    } catch (AdmissionDeniedException e) {
      return new Result(403, e.status());
    }
    if (Nodes.text(meta, "name").isEmpty() && !Nodes.text(meta, "generateName").isEmpty()) {
      meta.put("name", Names.generateName(Nodes.text(meta, "generateName"), random));
    }
    List<FieldError> errors = strategy.validate(object);
    if (errors.isEmpty()) {
      errors = strategy.allocate(object, null);
    }
    if (!errors.isEmpty()) {
      return new Result(422, strategy.invalidStatus(object, errors));
    }
    meta.put("resourceVersion", Long.toString(++resourceVersion));
    put(object.deepCopy());
    return new Result(201, object);
  }

  /** An update of the main resource (or of {@code status}) with the new object as the client sent it. */
  Result update(ObjectNode object, boolean status) {
    Strategy strategy = registry.strategy(object.path("kind").asText());
    JsonNode meta = object.get("metadata");
    ObjectNode old = get(object.path("kind").asText(), meta.path("namespace").asText(), meta.path("name").asText())
        .orElseThrow();
    // An unconditional update gets the stored resourceVersion before validation, as on the real server.
    if (Nodes.text(meta, "resourceVersion").isEmpty()) {
      ((ObjectNode) meta).put("resourceVersion", Nodes.text(old.get("metadata"), "resourceVersion"));
    }
    List<FieldError> errors;
    if (status) {
      strategy.prepareForStatusUpdate(object, old);
      errors = strategy.validateStatusUpdate(object, old);
    } else {
      strategy.prepareForUpdate(object, old);
      errors = strategy.validateUpdate(object, old);
    }
    if (errors.isEmpty()) {
      errors = strategy.allocate(object, old);
    }
    if (!errors.isEmpty()) {
      return new Result(422, strategy.invalidStatus(object, errors));
    }
    ((ObjectNode) meta).put("resourceVersion", Long.toString(++resourceVersion));
    put(object.deepCopy());
    return new Result(200, object);
  }

  /** A JSON merge patch (RFC 7386) of a stored object, then an update. */
  Result mergePatch(String kind, String namespace, String name, JsonNode patch) {
    ObjectNode current = get(kind, namespace, name).orElseThrow().deepCopy();
    return update((ObjectNode) merge(current, patch), false);
  }

  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target
        : JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  /**
   * The transcript normalization for what this layer produced: generated name suffixes ({@code <rand5>}),
   * cluster IPs ({@code <ip>}) and node ports ({@code <nodePort>}).
   */
  static JsonNode normalize(JsonNode node, List<String> prefixes) {
    List<String> all = new ArrayList<>(prefixes);
    all.add("kube-api-access-");
    return normalize(node, null, all);
  }

  private static JsonNode normalize(JsonNode node, String field, List<String> prefixes) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), normalize(e.getValue(), e.getKey(), prefixes)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> copy.add(normalize(e, field, prefixes)));
      return copy;
    }
    if ("nodePort".equals(field) && node.isInt()) {
      return JsonNodeFactory.instance.textNode("<nodePort>");
    }
    if (node.isTextual() && !"generateName".equals(field)) {
      String s = node.textValue();
      if (("clusterIP".equals(field) || "clusterIPs".equals(field)) && s.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
        return JsonNodeFactory.instance.textNode("<ip>");
      }
      for (String prefix : prefixes) {
        String cut = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
        s = s.replaceAll(java.util.regex.Pattern.quote(cut) + "[bcdfghjklmnpqrstvwxz2456789]{5}(?![a-z0-9])",
            java.util.regex.Matcher.quoteReplacement(cut) + "<rand5>");
      }
      return JsonNodeFactory.instance.textNode(s);
    }
    return node;
  }

  /** A recorded body without what the API layer adds: uid, resourceVersion, creationTimestamp, managedFields. */
  static ObjectNode withoutApiLayerFields(ObjectNode body) {
    ObjectNode meta = Nodes.object(body, "metadata");
    if (meta != null) {
      meta.remove(List.of("uid", "resourceVersion", "creationTimestamp", "managedFields"));
    }
    return body;
  }
}
