package dev.skiff.client.internal;

import java.util.regex.Pattern;

/**
 * Removes what looks like a secret from text that is about to go into an error message, such as an exec
 * plugin's standard error: JWTs, PEM blocks, bearer/basic credentials and {@code token=...}-style
 * assignments. Also bounds the length, since a message is no place for a whole log.
 */
final class Redaction {
  static final String REDACTED = "<redacted>";
  private static final int MAX_LENGTH = 2048;

  private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]+-----.*?(-----END [A-Z0-9 ]+-----|$)",
      Pattern.DOTALL);
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
  private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
  private static final Pattern ASSIGNMENT = Pattern.compile(
      "(?i)([\"']?[\\w-]*(?:token|secret|password|passwd|credential|key)[\\w-]*[\"']?\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|\\S+)");

  private Redaction() {}

  /**
   * Redacts secrets from the text and cuts it to at most about 2 KB.
   *
   * @param text e.g. a plugin's standard error
   * @return the redacted text
   */
  static String redact(String text) {
    String out = PEM.matcher(text).replaceAll(REDACTED);
    out = JWT.matcher(out).replaceAll(REDACTED);
    out = AUTH_SCHEME.matcher(out).replaceAll("$1 " + REDACTED);
    out = ASSIGNMENT.matcher(out).replaceAll("$1" + REDACTED);
    out = out.strip();
    if (out.length() > MAX_LENGTH) {
      out = out.substring(0, MAX_LENGTH) + " ... (" + (out.length() - MAX_LENGTH) + " more characters)";
    }
    return out;
  }

  /**
   * Redacts secrets and, in addition, every occurrence of known secret values.
   *
   * @param text the text
   * @param secrets values that must not appear, such as the last token the plugin printed; nulls ignored
   * @return the redacted text
   */
  static String redact(String text, String... secrets) {
    String out = text;
    for (String s : secrets) {
      if (s != null && s.length() >= 4) {
        out = out.replace(s, REDACTED);
      }
    }
    return redact(out);
  }
}
