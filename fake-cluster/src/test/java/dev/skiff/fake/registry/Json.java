package dev.skiff.fake.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test objects written as JSON text. */
final class Json {
  private Json() {}

  /** Parses a JSON object; single quotes stand for double quotes to keep Java literals readable. */
  static ObjectNode obj(String json) {
    try {
      return (ObjectNode) Transcript.JSON.readTree(json.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
