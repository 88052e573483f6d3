package dev.skiff.fake.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.api.ApiServer;
import dev.skiff.fake.api.ApiServerOptions;
import dev.skiff.fake.http.EventStream;
import dev.skiff.fake.http.HttpRequest;
import dev.skiff.fake.http.HttpResponder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An in-process API server with its controllers, and a test client that talks to it as {@code kubectl} would. */
final class ClusterFixture implements AutoCloseable {
  final ApiServer server = new ApiServer(ApiServerOptions.defaults());
  final ControllerManager controllers;
  final ApiClient client = new ApiClient(server, "kubectl/v1.34.0 (linux/amd64) kubernetes");

  ClusterFixture(boolean kubelet, Set<String> disabled) {
    controllers = ClusterControllers.start(server, disabled, kubelet, 3, Clock.systemUTC());
  }

  static ClusterFixture withKubelet() {
    return new ClusterFixture(true, Set.of());
  }

  static ClusterFixture controlPlaneOnly() {
    return new ClusterFixture(false, Set.of());
  }

  Kubelet kubelet() {
    return controllers.kubelet().orElseThrow();
  }

  /** Waits until the controllers settle; fails the test when they do not within 30 seconds (a loaded CI machine). */
  void settle() throws InterruptedException {
    assertThat(controllers.awaitQuiescent(Duration.ofSeconds(30))).as("controllers settle").isTrue();
  }

  ObjectNode yaml(String text) {
    try {
      return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper(
          new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  ObjectNode create(Kinds.Kind kind, String ns, String yaml) {
    ApiResponse r = client.create(kind, ns, yaml(yaml));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return r.object();
  }

  List<ObjectNode> pods(String ns) {
    return client.list(Kinds.POD, ns, o -> true);
  }

  List<ObjectNode> events(String ns, String involvedName) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode e : client.list(Kinds.EVENT, ns, o -> true)) {
      if (e.path("involvedObject").path("name").asText().equals(involvedName)) {
        out.add(e);
      }
    }
    return out;
  }

  /** A GET through the API server's HTTP handling; the body as text. */
  Answer get(String path) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("accept", List.of("*/*"));
    Map<String, List<String>> query = new LinkedHashMap<>();
    int q = path.indexOf('?');
    if (q >= 0) {
      for (String pair : path.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        query.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
      }
      path = path.substring(0, q);
    }
    Answer a = new Answer();
    server.handle(new HttpRequest("GET", path, query, headers, new byte[0], false), a);
    return a;
  }

  /** One captured answer. */
  static final class Answer implements HttpResponder {
    int status;
    String contentType;
    String body;

    @Override
    public void send(int status, String contentType, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.contentType = contentType;
      this.body = new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public EventStream stream(int status, String contentType, Map<String, String> headers) {
      throw new UnsupportedOperationException();
    }
  }

  static String text(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      n = n.path(p);
    }
    return n.asText();
  }

  @Override
  public void close() {
    controllers.close();
    server.close();
  }
}
