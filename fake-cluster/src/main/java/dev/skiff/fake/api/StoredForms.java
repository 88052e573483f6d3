package dev.skiff.fake.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.store.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns objects into their stored form and back: JSON with kind and apiVersion first and metadata in the
 * real server's field order, plus the index facts.
 */
final class StoredForms {
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  // The real server's order of metadata members; others follow in the order the object has them.
  private static final List<String> BEFORE_VERSION = List.of("name", "generateName", "namespace", "selfLink", "uid");
  private static final List<String> AFTER_VERSION = List.of("generation", "creationTimestamp", "deletionTimestamp",
      "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields");
  private static final Set<String> ORDERED_METADATA = Stream.concat(
      Stream.of("resourceVersion"), Stream.concat(BEFORE_VERSION.stream(), AFTER_VERSION.stream()))
      .collect(Collectors.toUnmodifiableSet());

  private StoredForms() {}

  /** The stored form of an object of a resource under a resourceVersion, which is also set in the tree. */
  static StoredObject encode(ServedResource resource, ObjectNode object, long resourceVersion) {
    return prepare(resource, object).at(resourceVersion);
  }

  /**
   * The stored form of an object still without its resourceVersion: everything that costs (ordering, writing
   * the JSON, the index facts, the identity), so that a writer can do it before taking the store's lock and
   * leave only the resourceVersion to fill in there.
   */
  static Prepared prepare(ServedResource resource, ObjectNode object) {
    ObjectNode meta = (ObjectNode) object.get("metadata");
    ByteArrayBuilder out = new ByteArrayBuilder(4096);
    int headerLength;
    int versionAt;
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("kind", resource.kind());
      json.writeStringField("apiVersion", resource.apiVersion());
      json.flush();
      headerLength = out.size(); // the members after the brace, plus the comma that will follow them
      json.writeObjectFieldStart("metadata");
      writeMembers(json, meta, BEFORE_VERSION);
      json.writeStringField("resourceVersion", "");
      json.flush();
      versionAt = out.size() - 1; // between the quotes
      writeMembers(json, meta, AFTER_VERSION);
      for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!ORDERED_METADATA.contains(e.getKey())) {
          json.writeFieldName(e.getKey());
          JSON.writeTree(json, e.getValue());
        }
      }
      json.writeEndObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("kind") && !e.getKey().equals("apiVersion") && !e.getKey().equals("metadata")) {
          json.writeFieldName(e.getKey());
          JSON.writeTree(json, e.getValue());
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a tree always writes
    }
    Map<String, String> labels = new LinkedHashMap<>();
    // label keys and values and namespaces repeat across objects: one copy of each string
    meta.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey().intern(),
        e.getValue().asText().intern()));
    return new Prepared(resource, meta, meta.path("namespace").asText("").intern(), meta.path("name").asText(),
        meta.path("uid").asText(""), out.toByteArray(), versionAt, headerLength, Map.copyOf(labels),
        resource.fieldSelectors().extract(object));
  }

  private static void writeMembers(JsonGenerator json, ObjectNode meta, List<String> names) throws IOException {
    for (String name : names) {
      JsonNode value = meta.get(name);
      if (value != null) {
        json.writeFieldName(name);
        JSON.writeTree(json, value);
      }
    }
  }

  /**
   * An object's stored form lacking only its resourceVersion; {@link #at} completes it. Not thread-safe: the
   * writer that prepared it completes it.
   */
  static final class Prepared {
    private final ServedResource resource;
    private final ObjectNode metadata;
    private final String namespace;
    private final String name;
    private final String uid;
    private final byte[] json;
    private final int versionAt;
    private final int headerLength;
    private final Map<String, String> labels;
    private final Map<String, String> fields;

    private Prepared(ServedResource resource, ObjectNode metadata, String namespace, String name, String uid,
        byte[] json, int versionAt, int headerLength, Map<String, String> labels, Map<String, String> fields) {
      this.resource = resource;
      this.metadata = metadata;
      this.namespace = namespace;
      this.name = name;
      this.uid = uid;
      this.json = json;
      this.versionAt = versionAt;
      this.headerLength = headerLength;
      this.labels = labels;
      this.fields = fields;
    }

    /** The stored form under this resourceVersion, which is also set in the tree it was prepared from. */
    StoredObject at(long resourceVersion) {
      String version = Long.toString(resourceVersion);
      metadata.put("resourceVersion", version);
      byte[] digits = version.getBytes(StandardCharsets.US_ASCII);
      byte[] complete = new byte[json.length + digits.length];
      System.arraycopy(json, 0, complete, 0, versionAt);
      System.arraycopy(digits, 0, complete, versionAt, digits.length);
      System.arraycopy(json, versionAt, complete, versionAt + digits.length, json.length - versionAt);
      return new StoredObject(resource.storeKey(), namespace, name, uid, resourceVersion, labels, fields, complete,
          headerLength);
    }
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
