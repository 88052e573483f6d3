package dev.skiff.fake.http;

import java.nio.charset.StandardCharsets;

/**
 * The error answers the transport gives by itself, before the API layer sees a request, worded as the real
 * kube-apiserver (and, for malformed HTTP, Go's net/http server in front of it) words them.
 */
final class StatusBodies {

  /** What Go's server writes for a request it cannot parse: plain text, then it closes the connection. */
  static final byte[] BAD_REQUEST_TEXT = "400 Bad Request".getBytes(StandardCharsets.US_ASCII);

  /** What Go's server writes when the request line and headers exceed its limit (1 MiB). */
  static final byte[] HEADERS_TOO_LARGE_TEXT =
      "431 Request Header Fields Too Large".getBytes(StandardCharsets.US_ASCII);

  /** Go's content type for its own plain-text errors. */
  static final String TEXT_PLAIN = "text/plain; charset=utf-8";

  /** The content type of every {@code Status} body. */
  static final String JSON = "application/json";

  private StatusBodies() {}

  /** The authenticator's answer to a missing or wrong bearer token. */
  static byte[] unauthorized() {
    return failure(401, "Unauthorized", "Unauthorized");
  }

  /** The answer to a body over the limit ({@code errors.NewRequestEntityTooLargeError("limit is N")}). */
  static byte[] requestEntityTooLarge(int limitBytes) {
    return failure(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limitBytes);
  }

  /** The answer when the handler throws: the real server's {@code errors.NewInternalError}. */
  static byte[] internalError(Throwable error) {
    String cause = String.valueOf(error.getMessage() == null ? error.getClass().getName() : error.getMessage());
    return ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
        + quote("Internal error occurred: " + cause) + ",\"reason\":\"InternalError\",\"details\":{\"causes\":"
        + "[{\"message\":" + quote(cause) + "}]},\"code\":500}").getBytes(StandardCharsets.UTF_8);
  }

  /** A {@code Status} without details, in the field order the real server writes. */
  private static byte[] failure(int code, String reason, String message) {
    return ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
        + quote(message) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
