package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * How the server eases the move from client-side {@code kubectl apply} to {@code kubectl apply
 * --server-side}, for the field manager {@code kubectl} only: fields listed in the object's {@value
 * #ANNOTATION} annotation may be taken over without conflict, and when the object carries that annotation
 * a server-side apply rewrites it to the applied configuration.
 */
final class LastApplied {
  /** The annotation client-side apply keeps its last configuration in. */
  static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

  /** The only field manager the server does this for. */
  static final String KUBECTL = "kubectl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private LastApplied() {}

  /** The fields of the live object's last-applied configuration, if it has a readable one. */
  static Optional<FieldSet> allowedConflicts(Optional<ObjectNode> live, Shape root) {
    Optional<String> text = live.flatMap(LastApplied::annotation);
    if (text.isEmpty() || text.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode lastApplied = JSON.readTree(text.get());
      if (!lastApplied.isObject()) {
        return Optional.empty();
      }
      return Optional.of(FieldPaths.toFieldSet(lastApplied, root));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** Rewrites the annotation of {@code result}, when it has one, to the applied configuration. */
  static void sync(ObjectNode result, ObjectNode applied) {
    if (annotation(result).isEmpty()) {
      return;
    }
    ObjectNode config = applied.deepCopy();
    if (config.path("metadata").get("annotations") instanceof ObjectNode annotations) {
      annotations.remove(ANNOTATION);
    }
    ((ObjectNode) result.get("metadata").get("annotations")).put(ANNOTATION, goJson(config) + "\n");
  }

  private static Optional<String> annotation(ObjectNode object) {
    JsonNode v = object.path("metadata").path("annotations").get(ANNOTATION);
    return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  /** JSON as Go's encoder writes a decoded object: keys sorted, compact, {@code <>&} escaped. */
  static String goJson(JsonNode n) {
    StringBuilder b = new StringBuilder();
    write(n, b);
    return b.toString();
  }

  private static void write(JsonNode n, StringBuilder b) {
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      Collections.sort(keys);
      b.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        string(keys.get(i), b);
        b.append(':');
        write(n.get(keys.get(i)), b);
      }
      b.append('}');
    } else if (n.isArray()) {
      b.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        write(n.get(i), b);
      }
      b.append(']');
    } else if (n.isTextual()) {
      string(n.asText(), b);
    } else {
      b.append(n.toString());
    }
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
