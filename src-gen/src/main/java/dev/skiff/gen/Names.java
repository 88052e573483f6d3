package dev.skiff.gen;

import java.util.Map;

/** How schema names become Java names. */
final class Names {
  /** JSON names that are not legal Java identifiers, and the accessor names used instead. */
  private static final Map<String, String> RENAMED = Map.of("continue", "continueToken");

  private Names() {}

  /** Accessor name of a field; the rare upper-case JSON name ({@code DaemonEndpoint.Port}) starts lower-case. */
  static String accessor(String jsonName) {
    String name = RENAMED.getOrDefault(jsonName, jsonName);
    return Character.isUpperCase(name.charAt(0)) ? Character.toLowerCase(name.charAt(0)) + name.substring(1) : name;
  }

  /** Accessor name with its first letter upper-cased, as in Immutables' {@code withX}, {@code addX}. */
  static String capitalized(String jsonName) {
    String a = accessor(jsonName);
    return Character.toUpperCase(a.charAt(0)) + a.substring(1);
  }

  /** Upper-snake constant name of a camel-case name: {@code replicationControllers -> REPLICATION_CONTROLLERS}. */
  static String constant(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }

  /** Text made safe for a Javadoc comment. */
  static String javadoc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
        .replace("@", "&#64;");
  }

  /** A Java string literal of the text. */
  static String literal(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
