package dev.skiff.fake.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.fake.api.replay.InProcessExchange;
import dev.skiff.fake.http.HttpRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated requests, mostly wrong (paths, methods, bodies, content types, selectors, query values),
 * with a fixed seed: every answer is a 2xx or a 4xx, errors carry a valid Status, nothing throws, and the
 * server keeps serving.
 */
class BadRequestFuzzTest {
  private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "BREW"};
  private static final String[] SEGMENTS = {"api", "apis", "v1", "v2", "apps", "coordination.k8s.io", "namespaces",
      "default", "kube-system", "dr-none", "pods", "configmaps", "secrets", "services", "nodes", "events",
      "replicationcontrollers", "deployments", "replicasets", "leases", "serviceaccounts", "endpoints", "status",
      "scale", "watch", "finalize", "log", "x", "..", ".", "%2F", "Ünïcödé", "a".repeat(300), "", "UPPER", "-a-",
      "web", "cm-1"};
  private static final String[] CONTENT_TYPES = {"application/json", "application/yaml", "application/merge-patch+json",
      "application/json-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml",
      "text/plain", "application/vnd.kubernetes.protobuf", "", "application/json; charset=utf-8", "*/*", ";;;"};
  private static final String[] QUERY_KEYS = {"labelSelector", "fieldSelector", "limit", "continue", "watch",
      "resourceVersion", "resourceVersionMatch", "timeoutSeconds", "dryRun", "fieldValidation", "gracePeriodSeconds",
      "propagationPolicy", "allowWatchBookmarks", "sendInitialEvents", "fieldManager", "force", "includeObject",
      "pretty", "orphanDependents"};
  private static final String[] QUERY_VALUES = {"", "true", "1", "T", "false", "maybe", "-1", "0", "99999999999999999999",
      "app=web", "app in (a,b", "!!", "a=b,c!=d", "metadata.name=x", "spec.nodeName=", "foo=bar", "x==y==z",
      "status.phase!=Running", "All", "Strict", "Warn", "Ignore", "Orphan", "Background", "Sideways", "NotOlderThan",
      "Exact", "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MSwic3RhcnQiOiJ4XHUwMDAwIn0", "%%%", "Object", "None", "1", "2"};
  private static final String[] BODIES = {"", "{", "}", "[]", "null", "42", "\"s\"", "{}", "{\"metadata\":7}",
      "{\"metadata\":{\"name\":\"cm-1\"}}", "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}",
      "{\"apiVersion\":\"v9\",\"kind\":\"Pod\"}", "{\"metadata\":{\"name\":\"Bad_Name\"}}",
      "{\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\","
          + "\"image\":\"nginx\"}]}}",
      "{\"metadata\":{\"name\":\"web\",\"namespace\":\"elsewhere\"}}", "{\"metadata\":{\"generateName\":\"g-\"}}",
      "[{\"op\":\"replace\",\"path\":\"/data/x\",\"value\":1}]", "[{\"op\":\"bogus\"}]", "[1,2,3]",
      "{\"spec\":{\"replicas\":\"many\"}}", "{\"spec\":{\"replicas\":3}}", "{\"data\":{\"k\":{\"nested\":true}}}",
      "{\"metadata\":{\"name\":\"cm-1\",\"resourceVersion\":\"abc\"}}", "{\"preconditions\":{\"uid\":\"u\"}}",
      "{\"gracePeriodSeconds\":\"soon\"}", "metadata:\n  name: cm-1\n", "a: [\n", "{\"a\":1} trailing",
      "{\"metadata\":{\"name\":\"cm-1\",\"finalizers\":[\"x/y\"]}}", "{\"metadata\":{\"labels\":{\"bad key\":\"v\"}}}",
      "\u0000\u0001\u0002", "{\"metadata\":{\"name\":\"web\"},\"spec\":5}",
      "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"containers\":\"x\"}}",
      "{\"metadata\":{\"name\":\"web\",\"labels\":[]}}", "{\"metadata\":{\"name\":5}}",
      "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"containers\":[5]}}",
      "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"ports\":[{\"port\":\"eighty\"}]}}",
      "{\"metadata\":{\"name\":\"web\"},\"data\":[1]}", "{\"metadata\":{\"name\":\"web\"},\"status\":7}",
      "{\"metadata\":{\"name\":\"web\",\"finalizers\":\"x\"}}",
      "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1.5,\"selector\":7}}", "{\"spec\":{\"foo\":1},\"metadata\":{\"name\":\"cm-1\"}}"};

  @Test
  void everyAnswerIsA2xxOr4xxWithAValidStatusAndTheServerKeepsServing() throws IOException {
    Random random = new Random(20261127L);
    try (ApiServer server = new ApiServer(ApiServerOptions.defaults().withWatchHistorySize(100))) {
      TestClient client = new TestClient(server);
      client.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'cm-1'}}");
      int requests = 3000;
      Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
      for (int i = 0; i < requests; i++) {
        HttpRequest request = randomRequest(random);
        InProcessExchange ex = new InProcessExchange();
        String what = request.method() + " " + request.path() + " " + request.query() + " "
            + new String(request.body(), StandardCharsets.UTF_8);
        server.handle(request, ex);
        ex.close(); // a watch ends as its client leaves
        assertEquals(1, ex.answers(), "answered exactly once: " + what);
        byStatus.merge(ex.status(), 1, Integer::sum);
        assertTrue(ex.status() >= 200 && ex.status() < 500, ex.status() + " for " + what + ": "
            + (ex.body() == null ? "" : new String(ex.body(), StandardCharsets.UTF_8)));
        assertNotNull(ex.contentType(), what);
        assertFalse(ex.contentType().isEmpty(), what);
        if (ex.status() >= 400 && ex.contentType().equals("application/json")) {
          JsonNode status = TestClient.JSON.readTree(ex.body());
          assertEquals("Status", status.path("kind").asText(), what);
          assertEquals("v1", status.path("apiVersion").asText(), what);
          assertEquals("Failure", status.path("status").asText(), what);
          assertEquals(ex.status(), status.path("code").asInt(), what);
          assertTrue(status.path("message").isTextual(), what);
        }
      }
      assertEquals(0, server.store().watcherCount(), "every closed watch is forgotten");
      // the generator reaches the interesting answers, not only 404s
      for (int code : new int[] {200, 201, 400, 404, 405, 409, 415, 422}) {
        assertTrue(byStatus.containsKey(code), "no " + code + " among " + byStatus);
      }
      TestClient.Answer created = client.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'after'}}");
      assertEquals(201, created.status());
      assertEquals(200, client.get("/api/v1/namespaces/default/configmaps/after").status());
    }
  }

  private static HttpRequest randomRequest(Random r) {
    String method = METHODS[r.nextInt(METHODS.length)];
    StringBuilder path = new StringBuilder();
    if (r.nextInt(10) < 6) {
      // a well-formed resource path, so the requests reach the verbs and not only the router
      path.append(pick(r, "/api/v1/namespaces/default/configmaps", "/api/v1/namespaces/default/pods",
          "/api/v1/namespaces/default/secrets", "/api/v1/namespaces/default/services",
          "/api/v1/namespaces/default/replicationcontrollers", "/apis/apps/v1/namespaces/default/deployments",
          "/api/v1/namespaces", "/api/v1/nodes", "/api/v1/configmaps", "/api/v1/namespaces/dr-none/configmaps",
          "/apis/coordination.k8s.io/v1/namespaces/default/leases"));
      if (r.nextBoolean()) {
        path.append('/').append(pick(r, "cm-1", "web", "x", "Bad_Name", "default"));
        if (r.nextInt(3) == 0) {
          path.append('/').append(pick(r, "status", "scale", "log", "nope"));
        }
      }
    } else if (r.nextInt(4) > 0) {
      path.append(r.nextBoolean() ? "/api/v1" : "/apis/" + pick(r, "apps/v1", "coordination.k8s.io/v1", "x/v1",
          "apps", "apps/v2"));
      if (r.nextBoolean()) {
        path.append("/namespaces/").append(pick(r, "default", "dr-none", "kube-system", ""));
      }
      int extra = r.nextInt(5);
      for (int i = 0; i < extra; i++) {
        path.append('/').append(SEGMENTS[r.nextInt(SEGMENTS.length)]);
      }
    } else {
      path.append('/').append(SEGMENTS[r.nextInt(SEGMENTS.length)]);
    }
    if (path.length() == 0) {
      path.append('/');
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    int params = r.nextInt(4);
    for (int i = 0; i < params; i++) {
      String key = QUERY_KEYS[r.nextInt(QUERY_KEYS.length)];
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(QUERY_VALUES[r.nextInt(QUERY_VALUES.length)]);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("user-agent", List.of("fuzz/1.0"));
    if (r.nextInt(3) > 0) {
      headers.put("content-type", List.of(CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)]));
    }
    if (r.nextInt(5) == 0) {
      headers.put("accept", List.of(pick(r, "application/json;as=Table;v=v1;g=meta.k8s.io", "application/yaml",
          "application/json;as=Table;v=v1;g=meta.k8s.io,application/json", "*/*", "garbage")));
    }
    byte[] body;
    if (r.nextInt(10) == 0) {
      body = new byte[r.nextInt(64)];
      r.nextBytes(body);
    } else {
      body = BODIES[r.nextInt(BODIES.length)].getBytes(StandardCharsets.UTF_8);
    }
    return new HttpRequest(method, path.toString(), query, headers, body, false);
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }
}
