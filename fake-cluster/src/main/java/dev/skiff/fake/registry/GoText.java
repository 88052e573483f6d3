package dev.skiff.fake.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.model.Names;

/**
 * How Go prints values inside API error messages: {@code %q} for strings, plain numbers and booleans, JSON for
 * lists and maps (what {@code field.Error} does for non-scalar bad values since Kubernetes 1.31).
 */
final class GoText {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GoText() {}

  /** Go's {@code strconv.Quote}, as in the model's name validation messages. */
  static String quote(String s) {
    return Names.goQuote(s);
  }

  /** A bad value as {@code field.Error} prints it. */
  static String value(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isTextual()) {
      return quote(value.textValue());
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
