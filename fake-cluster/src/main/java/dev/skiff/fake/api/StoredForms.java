package dev.skiff.fake.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.store.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns objects into their stored form and back: JSON with kind and apiVersion first and metadata in the
 * real server's field order, plus the index facts.
 */
final class StoredForms {
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final List<String> METADATA_ORDER = List.of("name", "generateName", "namespace", "selfLink", "uid",
      "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
      "labels", "annotations", "ownerReferences", "finalizers", "managedFields");

  private StoredForms() {}

  /** The stored form of an object of a resource, which must already carry its resourceVersion. */
  static StoredObject encode(ServedResource resource, ObjectNode object, long resourceVersion) {
    ObjectNode meta = (ObjectNode) object.get("metadata");
    meta.put("resourceVersion", Long.toString(resourceVersion));
    ObjectNode ordered = JsonNodeFactory.instance.objectNode();
    ordered.put("kind", resource.kind());
    ordered.put("apiVersion", resource.apiVersion());
    ordered.set("metadata", orderedMetadata(meta));
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("kind") && !e.getKey().equals("apiVersion") && !e.getKey().equals("metadata")) {
        ordered.set(e.getKey(), e.getValue());
      }
    }
    byte[] json = write(ordered);
    byte[] header = write(JsonNodeFactory.instance.objectNode().put("kind", resource.kind())
        .put("apiVersion", resource.apiVersion()));
    int headerLength = header.length - 2 + 1; // the members between the braces, plus the comma after them
    Map<String, String> labels = new LinkedHashMap<>();
    // label keys and values and namespaces repeat across objects: one copy of each string
    meta.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey().intern(),
        e.getValue().asText().intern()));
    return new StoredObject(resource.storeKey(), meta.path("namespace").asText("").intern(),
        meta.path("name").asText(),
        meta.path("uid").asText(""), resourceVersion, Map.copyOf(labels),
        resource.fieldSelectors().extract(ordered), json, headerLength);
  }

  private static ObjectNode orderedMetadata(ObjectNode meta) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String k : METADATA_ORDER) {
      if (meta.has(k)) {
        out.set(k, meta.get(k));
      }
    }
    meta.fields().forEachRemaining(e -> {
      if (!out.has(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  /** A stored object as a mutable tree. */
  static ObjectNode decode(StoredObject stored) {
    try {
      return (ObjectNode) JSON.readTree(stored.json());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // stored JSON was written by us
    }
  }

  /** JSON bytes of a tree. */
  static byte[] write(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON text of a tree. */
  static String text(JsonNode node) {
    return new String(write(node), StandardCharsets.UTF_8);
  }
}
