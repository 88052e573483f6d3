package dev.skiff.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.FakeCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Pod bodies that make fabric8's mock server send the same watch events as an API server: the mock stores and
 * sends back what it is given, so a watcher of pods created from {@link WatchBenchmark#podJson} receives the
 * ~0.3 KB request, where a real kube-apiserver (and Skiff's fake cluster) sends the ~3.5 KB pod it stored:
 * defaults, the service-account token volume and tolerations from admission, {@code managedFields} and
 * {@code status}. Posting this pod instead of the request puts the same events on both servers' wires, so that
 * the clients are compared on the same work.
 *
 * <p>The pod is the one Skiff's fake cluster answers to the same create (made once, in a throw-away cluster),
 * without {@code resourceVersion} (which the mock sets) and with a fresh {@code uid} per pod.
 */
final class ServedPods {
  private static final String NAME = "served-pod-template";

  private final String template;
  private final String templateUid;

  private ServedPods(String template, String templateUid) {
    this.template = template;
    this.templateUid = templateUid;
  }

  /**
   * Creates {@link WatchBenchmark#podJson}'s pod in a fake cluster and keeps what the server stored.
   *
   * @return pods as served, for any name in namespace {@link WatchBenchmark#NS}
   */
  static ServedPods fromFakeCluster() {
    try (FakeCluster cluster = FakeCluster.builder().controllers(false).start();
        WireClient http = new WireClient(origin(cluster))) {
      http.post("/api/v1/namespaces", ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
          + WatchBenchmark.NS + "\"}}").getBytes(StandardCharsets.UTF_8));
      byte[] stored = http.post("/api/v1/namespaces/" + WatchBenchmark.NS + "/pods",
          WatchBenchmark.podJson(NAME).getBytes(StandardCharsets.UTF_8));
      ObjectNode pod = (ObjectNode) new ObjectMapper().readTree(stored);
      ObjectNode metadata = (ObjectNode) pod.get("metadata");
      metadata.remove("resourceVersion");
      String json = pod.toString();
      if (json.length() < 2_000 || !json.contains("\"managedFields\"") || !json.contains("\"status\"")) {
        throw new IllegalStateException("not a pod as served: " + json);
      }
      return new ServedPods(json, metadata.get("uid").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails unless the server at {@code origin} holds pod {@code name} as served: at least 2 KB, with
   * {@code managedFields} and {@code status}.
   */
  static void checkStored(String origin, String name) {
    try (WireClient http = new WireClient(origin)) {
      String stored = new String(http.get("/api/v1/namespaces/" + WatchBenchmark.NS + "/pods/" + name),
          StandardCharsets.UTF_8);
      if (stored.length() < 2_000 || !stored.contains("\"managedFields\"") || !stored.contains("\"status\"")) {
        throw new IllegalStateException("the server does not hold the pod as served: " + stored);
      }
    }
  }

  private static String origin(FakeCluster cluster) {
    String url = cluster.url().toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * The served pod under another name, with its own uid.
   *
   * @param name the pod's name
   * @return its JSON
   */
  String pod(String name) {
    return template.replace("\"" + NAME + "\"", "\"" + name + "\"").replace(templateUid, UUID.randomUUID().toString());
  }
}
