package dev.skiff.fake.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.store.StoredObject;
import dev.skiff.model.Selector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and building the JSON trees the controllers exchange with the API server. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Json() {}

  /** A stored object as a tree. */
  static ObjectNode decode(StoredObject stored) {
    return parse(stored.json());
  }

  /**
   * Whether an object's JSON holds one of some ASCII texts, e.g. quoted member names: a search, far cheaper than
   * parsing, which tells for sure that members are absent (the stored JSON spells names unescaped).
   */
  static boolean containsAny(StoredObject stored, String... texts) {
    // As Latin-1 every byte is one char, so an ASCII text is found where its bytes are; String.indexOf is
    // vectorized, several times faster than a byte loop.
    String json = new String(stored.json(), StandardCharsets.ISO_8859_1);
    for (String text : texts) {
      if (json.contains(text)) {
        return true;
      }
    }
    return false;
  }

  /** JSON bytes as an object tree. */
  static ObjectNode parse(byte[] json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A tree as JSON bytes. */
  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A string map ({@code labels}, {@code nodeSelector}) as Java map; empty when absent. */
  static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** Whether an object is being deleted. */
  static boolean deleting(JsonNode object) {
    JsonNode ts = object.path("metadata").get("deletionTimestamp");
    return ts != null && !ts.isNull();
  }

  /** The object's ownerReference with {@code controller: true}, or null. */
  static JsonNode controllerRef(JsonNode object) {
    for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return ref;
      }
    }
    return null;
  }

  /** An owner reference to {@code owner}, as controllers set on what they create. */
  static ObjectNode ownerReference(JsonNode owner, boolean controller) {
    ObjectNode ref = F.objectNode();
    ref.put("apiVersion", owner.path("apiVersion").asText());
    ref.put("kind", owner.path("kind").asText());
    ref.put("name", owner.path("metadata").path("name").asText());
    ref.put("uid", owner.path("metadata").path("uid").asText());
    ref.put("controller", controller);
    ref.put("blockOwnerDeletion", true);
    return ref;
  }

  /**
   * A {@code metav1.LabelSelector} ({@code matchLabels}, {@code matchExpressions}) as a selector; an absent
   * one selects nothing, as {@code LabelSelectorAsSelector} of nil does.
   */
  static Selector labelSelector(JsonNode selector) {
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return null;
    }
    List<Selector.Requirement> expressions = new ArrayList<>();
    for (JsonNode e : selector.path("matchExpressions")) {
      List<String> values = new ArrayList<>();
      e.path("values").forEach(v -> values.add(v.asText()));
      expressions.add(Selector.requirement(e.path("key").asText(), e.path("operator").asText(), values));
    }
    return Selector.fromParts(stringMap(selector.get("matchLabels")), expressions);
  }

  /** The condition of a type in {@code status.conditions}, or null. */
  static JsonNode condition(JsonNode object, String type) {
    for (JsonNode c : object.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c;
      }
    }
    return null;
  }

  /** Whether a pod's Ready condition is True. */
  static boolean podReady(JsonNode pod) {
    JsonNode ready = condition(pod, "Ready");
    return ready != null && ready.path("status").asText().equals("True");
  }

  /** RFC 3339 with seconds, as the API's timestamps. */
  static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The namespace and name of an object as {@code ns/name} (cluster-scoped: {@code name}). */
  static String key(JsonNode object) {
    String ns = object.path("metadata").path("namespace").asText("");
    String name = object.path("metadata").path("name").asText();
    return ns.isEmpty() ? name : ns + "/" + name;
  }
}
