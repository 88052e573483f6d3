package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Python client (Debian's python3-kubernetes, which is for /usr/bin/python3 only) against the fake
 * cluster through a kubeconfig the cluster wrote: list, create, and a watch that sees a pod the Java side
 * creates go all the way to Running. Skipped when /usr/bin/python3 or its kubernetes module is missing.
 */
@WithFakeCluster
class PythonClientTest {

  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Prints one JSON line per step, flushed, so the Java side can act when the watch is about to start. */
  private static final String SCRIPT = """
      import json, sys
      from kubernetes import client, config, watch

      config.load_kube_config(config_file=sys.argv[1])
      ns = sys.argv[2]
      v1 = client.CoreV1Api()

      def out(**fields):
          print(json.dumps(fields), flush=True)

      pods = v1.list_namespaced_pod(ns)
      out(step="list", names=sorted(p.metadata.name for p in pods.items),
          resourceVersion=pods.metadata.resource_version)

      cm = v1.create_namespaced_config_map(ns, client.V1ConfigMap(
          metadata=client.V1ObjectMeta(name="from-python", labels={"by": "python"}), data={"k": "v"}))
      out(step="created", name=cm.metadata.name, uid=cm.metadata.uid, data=cm.data)

      out(step="watching")
      w = watch.Watch()
      for event in w.stream(v1.list_namespaced_pod, ns, timeout_seconds=int(sys.argv[3])):
          pod = event["object"]
          phase = pod.status.phase if pod.status else None
          out(step="event", type=event["type"], name=pod.metadata.name, phase=phase, ip=pod.status.pod_ip)
          if pod.metadata.name == "from-java" and phase == "Running" and pod.status.pod_ip:
              w.stop()
      out(step="done")
      """;

  @Test
  void lists_creates_and_watches(FakeCluster cluster, @TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON);
    Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import kubernetes").redirectErrorStream(true).start();
    probe.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "the kubernetes module is not installed for " + PYTHON + " (Debian: python3-kubernetes)");

    HttpClient http = HttpClient.newHttpClient();
    assertThat(post(http, cluster, "pods", pod("existing"))).isEqualTo(201);
    assertThat(cluster.awaitQuiescent(java.time.Duration.ofSeconds(30))).isTrue(); // "existing" is Running

    Path script = Files.writeString(dir.resolve("client.py"), SCRIPT);
    ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), script.toString(),
        cluster.writeKubeconfig(dir.resolve("kubeconfig")).toString(), "default", "20")
        .redirectError(dir.resolve("stderr.txt").toFile());
    pb.environment().remove("KUBECONFIG");
    Process python = pb.start();
    BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(JSON.readTree(line));
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "python-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      JsonNode list = next(lines, python, dir);
      assertThat(list.path("step").asText()).isEqualTo("list");
      assertThat(list.path("names").toString()).isEqualTo("[\"existing\"]");
      assertThat(list.path("resourceVersion").asText()).matches("\\d+");

      JsonNode created = next(lines, python, dir);
      assertThat(created.path("step").asText()).isEqualTo("created");
      assertThat(created.path("uid").asText()).matches("[0-9a-f-]{36}");
      assertThat(created.path("data").toString()).isEqualTo("{\"k\":\"v\"}");
      HttpResponse<String> cm = http.send(HttpRequest.newBuilder(URI.create(cluster.url()
          + "/api/v1/namespaces/default/configmaps/from-python")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(cm.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(cm.body()).path("metadata").path("labels").toString()).isEqualTo("{\"by\":\"python\"}");

      assertThat(next(lines, python, dir).path("step").asText()).isEqualTo("watching");
      // Whether this lands before or after the watch request, the script sees it: a watch without a
      // resourceVersion starts with ADDED for what exists.
      assertThat(post(http, cluster, "pods", pod("from-java"))).isEqualTo(201);

      List<String> seen = new ArrayList<>();
      for (JsonNode line = next(lines, python, dir); !line.path("step").asText().equals("done");
          line = next(lines, python, dir)) {
        seen.add(line.path("type").asText() + " " + line.path("name").asText() + " " + line.path("phase").asText());
        if (line.path("name").asText().equals("from-java") && line.path("phase").asText().equals("Running")) {
          assertThat(line.path("ip").asText()).matches("10\\.244\\.\\d+\\.\\d+");
        }
      }
      assertThat(seen).contains("ADDED existing Running");
      List<String> fromJava = seen.stream().filter(e -> e.contains(" from-java ")).toList();
      assertThat(fromJava).as("%s", seen).isNotEmpty();
      assertThat(fromJava.get(0)).startsWith("ADDED "); // however far the kubelet got by then
      assertThat(fromJava.get(fromJava.size() - 1)).endsWith(" from-java Running");
      assertThat(fromJava).allMatch(e -> e.startsWith("ADDED ") || e.startsWith("MODIFIED "));
      assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(python.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    } finally {
      python.destroyForcibly();
    }
  }

  private static String pod(String name) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"containers":[{"name":"c","image":"busybox"}]}}""".formatted(name);
  }

  private static int post(HttpClient http, FakeCluster cluster, String plural, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1/namespaces/default/" + plural))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** The script's next line, waiting a bounded time; the script's stderr in the failure message. */
  private static JsonNode next(BlockingQueue<JsonNode> lines, Process python, Path dir) throws Exception {
    JsonNode line = lines.poll(30, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("the Python client printed nothing within 30 s (alive: " + python.isAlive()
          + ")\nstderr: " + Files.readString(dir.resolve("stderr.txt")));
    }
    return line;
  }
}
