package dev.skiff.fake.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How Go prints values inside API error messages: {@code %q} for strings, plain numbers and booleans, JSON for
 * lists and maps (what {@code field.Error} does for non-scalar bad values since Kubernetes 1.31).
 */
final class GoText {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GoText() {}

  /**
   * Go's {@code strconv.Quote}: double quotes, backslash escapes for quotes, backslashes and control
   * characters.
   */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case 0x07:
          sb.append("\\a");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        case 0x0b:
          sb.append("\\v");
          break;
        default:
          if (cp < 0x20 || cp == 0x7f) {
            sb.append(String.format("\\x%02x", cp));
          } else if (cp >= 0x80 && !isGoPrintable(cp)) {
            sb.append(cp < 0x10000 ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
          } else {
            sb.appendCodePoint(cp);
          }
      }
    }
    return sb.append('"').toString();
  }

  /** Go's {@code strconv.IsPrint} above ASCII: letters, marks, numbers, punctuation and symbols. */
  private static boolean isGoPrintable(int cp) {
    switch (Character.getType(cp)) {
      case Character.UNASSIGNED:
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.PRIVATE_USE:
      case Character.SURROGATE:
      case Character.SPACE_SEPARATOR:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return false;
      default:
        return true;
    }
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
