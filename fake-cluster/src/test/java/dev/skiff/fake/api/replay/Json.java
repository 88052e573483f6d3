package dev.skiff.fake.api.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** JSON helpers of the replay harness: parsing, a canonical text with sorted keys, Python-like text of values. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  static JsonNode parse(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response body as the harness decodes it: JSON, else text, null when empty. */
  static JsonNode decodeBody(byte[] data) {
    if (data == null || data.length == 0) {
      return MAPPER.nullNode();
    }
    try {
      JsonNode n = MAPPER.readTree(data);
      return n == null ? MAPPER.nullNode() : n;
    } catch (IOException e) {
      return MAPPER.getNodeFactory().textNode(new String(data, StandardCharsets.UTF_8));
    }
  }

  static byte[] bytes(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON with object keys sorted: the order used to sort "unordered" arrays. */
  static String canonical(JsonNode n) {
    if (n == null) {
      return "null";
    }
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      Collections.sort(keys);
      StringBuilder sb = new StringBuilder("{");
      for (String k : keys) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(MAPPER.getNodeFactory().textNode(k).toString()).append(": ").append(canonical(n.get(k)));
      }
      return sb.append('}').toString();
    }
    if (n.isArray()) {
      StringBuilder sb = new StringBuilder("[");
      for (JsonNode x : n) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(canonical(x));
      }
      return sb.append(']').toString();
    }
    return n.toString();
  }

  /** A value as the harness writes it into text: strings as they are, everything else as JSON. */
  static String asText(JsonNode v) {
    return v.isTextual() ? v.asText() : v.toString();
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
