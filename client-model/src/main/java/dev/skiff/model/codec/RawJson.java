package dev.skiff.model.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Copies the JSON value under the parser into compact JSON text, without building a tree. */
final class RawJson {
  private RawJson() {}

  /** Captures the object or array the parser is on; leaves the parser on its closing token. */
  static String capture(JsonParser p, StringBuilder sb) throws IOException {
    sb.setLength(0);
    int depth = 0;
    JsonToken prev = null;
    JsonToken t = p.currentToken();
    do {
      boolean value = t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY;
      if (value && prev != null && prev != JsonToken.START_OBJECT && prev != JsonToken.START_ARRAY
          && prev != JsonToken.FIELD_NAME) {
        sb.append(',');
      }
      switch (t) {
        case START_OBJECT -> {
          sb.append('{');
          depth++;
        }
        case START_ARRAY -> {
          sb.append('[');
          depth++;
        }
        case END_OBJECT -> {
          sb.append('}');
          depth--;
        }
        case END_ARRAY -> {
          sb.append(']');
          depth--;
        }
        case FIELD_NAME -> {
          quote(sb, p.currentName());
          sb.append(':');
        }
        case VALUE_STRING -> quote(sb, p.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> sb.append(p.getText());
        case VALUE_TRUE -> sb.append("true");
        case VALUE_FALSE -> sb.append("false");
        case VALUE_NULL -> sb.append("null");
        default -> throw JsonReading.mismatch(p, "a JSON value");
      }
      prev = t;
      if (depth == 0) {
        break;
      }
      t = p.nextToken();
      if (t == null) {
        throw JsonReading.mismatch(p, "the rest of the JSON value");
      }
    } while (true);
    return sb.toString();
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
