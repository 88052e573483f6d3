package dev.skiff.fake.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the API layer sees it: framed by the transport, body read in full (the transport
 * refuses bodies over its limit with 413 before the API layer sees them).
 *
 * @param method upper-case method, e.g. {@code GET}
 * @param path decoded path without the query, e.g. {@code /api/v1/namespaces/default/pods}
 * @param query decoded query parameters in order of appearance (a key may repeat)
 * @param headers request headers by lower-case name
 * @param body the body, empty when there is none
 * @param webSocket whether the client asked for a WebSocket upgrade (the transport frames streams for it)
 */
public record HttpRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body,
    boolean webSocket) {

  /** The first value of a query parameter. */
  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
