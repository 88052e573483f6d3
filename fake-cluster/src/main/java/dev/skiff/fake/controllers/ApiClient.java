package dev.skiff.fake.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.api.ApiServer;
import dev.skiff.fake.http.EventStream;
import dev.skiff.fake.http.HttpRequest;
import dev.skiff.fake.http.HttpResponder;
import dev.skiff.fake.store.ExpiredException;
import dev.skiff.fake.store.Store;
import dev.skiff.fake.store.StoredObject;
import dev.skiff.fake.store.WatchFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A component's connection to the API server: writes are in-process HTTP requests through
 * {@link ApiServer#handle}, with the component's User-Agent (whose first segment becomes the managedFields
 * manager, e.g. {@code kube-controller-manager}); reads come from the store, which is what a real
 * component's informer cache mirrors.
 */
final class ApiClient {
  private final ApiServer server;
  private final String userAgent;

  /**
   * Creates a client.
   *
   * @param server the API server
   * @param userAgent e.g. {@code kube-controller-manager/v1.34.0 (linux/amd64) kubernetes}
   */
  ApiClient(ApiServer server, String userAgent) {
    this.server = server;
    this.userAgent = userAgent;
  }

  /** The API server this client talks to. */
  ApiServer server() {
    return server;
  }

  /** The store, for watches and reads. */
  Store store() {
    return server.store();
  }

  /** One object, decoded, or empty. */
  Optional<ObjectNode> get(Kinds.Kind kind, String namespace, String name) {
    return store().get(kind.storeKey(), kind.namespaced() ? namespace : "", name).map(Json::decode);
  }

  /** The objects of a kind in a namespace (null: all namespaces) that pass a filter, in key order. */
  List<ObjectNode> list(Kinds.Kind kind, String namespace, Predicate<StoredObject> filter) {
    try {
      List<ObjectNode> out = new ArrayList<>();
      for (StoredObject o : store().list(new WatchFilter(kind.storeKey(), namespace, filter), null, 0, 0, false).items()) {
        out.add(Json.decode(o));
      }
      return out;
    } catch (ExpiredException e) {
      throw new IllegalStateException("a list of the present cannot expire", e);
    }
  }

  /** POST to a collection. */
  ApiResponse create(Kinds.Kind kind, String namespace, JsonNode body) {
    return send("POST", kind.collection(namespace), Map.of(), "application/json", body);
  }

  /** PUT of a whole object (its resourceVersion is the precondition). */
  ApiResponse update(Kinds.Kind kind, ObjectNode object) {
    return send("PUT", pathOf(kind, object), Map.of(), "application/json", object);
  }

  /** PUT to the status subresource. */
  ApiResponse updateStatus(Kinds.Kind kind, ObjectNode object) {
    return send("PUT", pathOf(kind, object) + "/status", Map.of(), "application/json", object);
  }

  /** A JSON merge patch (RFC 7386) of one object. */
  ApiResponse mergePatch(Kinds.Kind kind, String namespace, String name, JsonNode patch) {
    return send("PATCH", kind.path(namespace, name), Map.of(), "application/merge-patch+json", patch);
  }

  /** POST to a subresource of one object, e.g. a pod's {@code binding}. */
  ApiResponse createSubresource(Kinds.Kind kind, String namespace, String name, String subresource,
      JsonNode body) {
    return send("POST", kind.path(namespace, name) + "/" + subresource, Map.of(), "application/json", body);
  }

  /**
   * DELETE of one object.
   *
   * @param propagationPolicy {@code Background}, {@code Foreground}, {@code Orphan}, or null for the default
   * @param gracePeriodSeconds null for the default
   * @param uid the uid precondition, or null
   */
  ApiResponse delete(Kinds.Kind kind, String namespace, String name, String propagationPolicy,
      Long gracePeriodSeconds, String uid) {
    ObjectNode options = Json.F.objectNode().put("kind", "DeleteOptions").put("apiVersion", "v1");
    if (propagationPolicy != null) {
      options.put("propagationPolicy", propagationPolicy);
    }
    if (gracePeriodSeconds != null) {
      options.put("gracePeriodSeconds", gracePeriodSeconds);
    }
    if (uid != null) {
      options.putObject("preconditions").put("uid", uid);
    }
    return send("DELETE", kind.path(namespace, name), Map.of(), "application/json", options);
  }

  private static String pathOf(Kinds.Kind kind, ObjectNode object) {
    return kind.path(object.path("metadata").path("namespace").asText(""),
        object.path("metadata").path("name").asText());
  }

  /** A request with a JSON body to any path, e.g. a subresource the other methods do not name. */
  ApiResponse send(String method, String path, JsonNode body) {
    return send(method, path, Map.of(), "application/json", body);
  }

  private ApiResponse send(String method, String path, Map<String, List<String>> query, String contentType,
      JsonNode body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("user-agent", List.of(userAgent));
    headers.put("accept", List.of("application/json"));
    headers.put("content-type", List.of(contentType));
    Captured answer = new Captured();
    server.handle(new HttpRequest(method, path, query, headers, Json.write(body), false), answer);
    JsonNode parsed;
    try {
      parsed = answer.body == null || answer.body.length == 0 ? Json.F.objectNode() : Json.MAPPER.readTree(answer.body);
    } catch (IOException notJson) {
      parsed = Json.F.textNode(new String(answer.body, StandardCharsets.UTF_8));
    }
    return new ApiResponse(answer.status, parsed);
  }

  /** Captures the single answer of a non-streaming request. */
  private static final class Captured implements HttpResponder {
    int status;
    byte[] body;

    @Override
    public void send(int status, String contentType, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.body = body;
    }

    @Override
    public EventStream stream(int status, String contentType, Map<String, String> headers) {
      throw new UnsupportedOperationException("controllers do not watch over HTTP");
    }
  }
}
