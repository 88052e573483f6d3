package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** JSON helpers for the patch tests: parsing literals (single quotes allowed) and loading fixtures. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_SINGLE_QUOTES);

  private Json() {}

  /** Parses JSON; single quotes may stand for double quotes to keep Java literals readable. */
  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a JSON object. */
  static ObjectNode object(String json) {
    return (ObjectNode) parse(json);
  }

  private static final java.util.Map<String, JsonNode> FIXTURES = new java.util.concurrent.ConcurrentHashMap<>();

  /** Loads a fixture from {@code src/test/resources/patch/} (parsed once; callers copy before changing it). */
  static JsonNode resource(String name) {
    return FIXTURES.computeIfAbsent(name, Json::load);
  }

  private static JsonNode load(String name) {
    try (InputStream in = Json.class.getResourceAsStream("/patch/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
