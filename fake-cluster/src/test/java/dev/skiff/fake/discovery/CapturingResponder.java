package dev.skiff.fake.discovery;

import dev.skiff.fake.http.EventStream;
import dev.skiff.fake.http.HttpRequest;
import dev.skiff.fake.http.HttpResponder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A responder that keeps the one complete answer a handler sends, for assertions. */
final class CapturingResponder implements HttpResponder {

  int status;
  String contentType;
  Map<String, String> headers = Map.of();
  byte[] body;

  /** Runs a GET with the given headers through the handler and returns what it answered. */
  static CapturingResponder get(DiscoveryHandler handler, String path, Map<String, String> headers) {
    return get(handler, path, Map.of(), headers);
  }

  /** Runs a GET with the given query parameters and headers through the handler. */
  static CapturingResponder get(DiscoveryHandler handler, String path, Map<String, String> query,
      Map<String, String> headers) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), List.of(v)));
    Map<String, List<String>> q = new LinkedHashMap<>();
    query.forEach((k, v) -> q.put(k, List.of(v)));
    HttpRequest request = new HttpRequest("GET", path, q, h, new byte[0], false);
    CapturingResponder r = new CapturingResponder();
    if (!handler.handles(request)) {
      throw new AssertionError("handler does not handle " + path);
    }
    handler.handle(request, r);
    return r;
  }

  /** The body as text. */
  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public void send(int status, String contentType, Map<String, String> headers, byte[] body) {
    if (this.contentType != null) {
      throw new AssertionError("answered twice");
    }
    this.status = status;
    this.contentType = contentType;
    this.headers = headers;
    this.body = body;
  }

  @Override
  public EventStream stream(int status, String contentType, Map<String, String> headers) {
    throw new AssertionError("discovery never streams");
  }
}
