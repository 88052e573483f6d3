package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.fake.api.replay.InProcessExchange;
import dev.skiff.fake.http.HttpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small client of an in-process {@link ApiServer} for tests: requests in, parsed answers out. */
final class TestClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final ApiServer server;

  TestClient(ApiServer server) {
    this.server = server;
  }

  /** One answer. */
  record Answer(int status, String contentType, Map<String, String> headers, JsonNode body) {
    String message() {
      return body.path("message").asText();
    }

    String rv() {
      return body.path("metadata").path("resourceVersion").asText();
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  InProcessExchange exchange(String method, String pathAndQuery, String contentType, byte[] body) {
    String path = pathAndQuery;
    Map<String, List<String>> query = new LinkedHashMap<>();
    int q = pathAndQuery.indexOf('?');
    if (q >= 0) {
      path = pathAndQuery.substring(0, q);
      for (String kv : pathAndQuery.substring(q + 1).split("&")) {
        int eq = kv.indexOf('=');
        String k = eq >= 0 ? kv.substring(0, eq) : kv;
        String v = eq >= 0 ? kv.substring(eq + 1) : "";
        query.computeIfAbsent(java.net.URLDecoder.decode(k, StandardCharsets.UTF_8), x -> new ArrayList<>())
            .add(java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("user-agent", List.of("skiff-test/1.0"));
    headers.put("accept", List.of("application/json"));
    if (contentType != null) {
      headers.put("content-type", List.of(contentType));
    }
    InProcessExchange ex = new InProcessExchange();
    server.handle(new HttpRequest(method, path, query, headers, body == null ? new byte[0] : body, false), ex);
    return ex;
  }

  Answer call(String method, String pathAndQuery, String contentType, String body) {
    InProcessExchange ex = exchange(method, pathAndQuery, contentType,
        body == null ? null : body.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    JsonNode parsed;
    try {
      parsed = ex.body() == null || ex.body().length == 0 ? JSON.nullNode() : JSON.readTree(ex.body());
    } catch (IOException e) {
      parsed = JSON.getNodeFactory().textNode(new String(ex.body(), StandardCharsets.UTF_8));
    }
    return new Answer(ex.status(), ex.contentType(), ex.headers(), parsed);
  }

  Answer get(String path) {
    return call("GET", path, null, null);
  }

  /** POST of a JSON body written with single quotes for readability. */
  Answer post(String path, String body) {
    return call("POST", path, "application/json", body);
  }

  Answer put(String path, String body) {
    return call("PUT", path, "application/json", body);
  }

  Answer mergePatch(String path, String body) {
    return call("PATCH", path, "application/merge-patch+json", body);
  }

  Answer delete(String path) {
    return call("DELETE", path, null, null);
  }

  Answer delete(String path, String body) {
    return call("DELETE", path, "application/json", body);
  }

  /** Opens a watch; the exchange collects its events. */
  InProcessExchange watch(String pathAndQuery) {
    return exchange("GET", pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "watch=true", null, null);
  }

  /** The events of a watch so far, parsed. */
  static List<JsonNode> events(InProcessExchange watch) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : watch.lines()) {
      out.add(parse(line));
    }
    return out;
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
