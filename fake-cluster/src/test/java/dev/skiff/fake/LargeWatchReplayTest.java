package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A watch that is owed far more events than fit in the transport's buffer and the slow-watcher backlog (a
 * resumed watch, the synthetic ADDED of a watch without resourceVersion, sendInitialEvents over a large
 * collection) gets every one of them, in order, before any live event: the real server sends a watcher's
 * initial events at the client's pace and never cuts a watcher off for them. It used to close such a watch
 * after about 1,250 of these events, and a client would have relisted and retried forever.
 */
class LargeWatchReplayTest {
  /** 2,000 objects of about 4 KB: 8 MB, several times the 1 MiB high-water mark plus 1,000 events of backlog. */
  private static final int OBJECTS = 2_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static FakeCluster cluster;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    FakeCluster.Builder builder = FakeCluster.builder().controllers(false).watchHistorySize(3 * OBJECTS)
        .preloadYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: replay\n");
    String value = "x".repeat(4_000);
    for (int batch = 0; batch < OBJECTS; batch += 500) { // a manifest may hold 3 MiB
      StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
      for (int i = batch; i < batch + 500; i++) {
        yaml.append("- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: big-")
            .append(String.format("%04d", i)).append("\n    namespace: replay\n  data:\n    v: ").append(value)
            .append('\n');
      }
      builder = builder.preloadYaml(yaml.toString());
    }
    cluster = builder.start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static final String CONFIGMAPS = "/api/v1/namespaces/replay/configmaps";

  @Test
  void aWatchWithoutResourceVersionGetsEveryExistingObjectThenLiveEvents() throws Exception {
    try (Watch watch = Watch.open(CONFIGMAPS + "?watch=true&timeoutSeconds=120")) {
      List<JsonNode> owed = watch.next(OBJECTS);
      assertThat(owed).extracting(e -> e.path("type").asText()).containsOnly("ADDED");
      assertThat(owed).extracting(e -> e.path("object").path("metadata").path("name").asText())
          .doesNotHaveDuplicates().hasSize(OBJECTS);
      create("after-the-replay");
      JsonNode live = watch.next(1).get(0);
      assertThat(live.path("object").path("metadata").path("name").asText()).isEqualTo("after-the-replay");
      delete("after-the-replay");
    }
  }

  @Test
  void aResumedWatchGetsEveryChangeSinceItsResourceVersionInOrder() throws Exception {
    long first = Long.parseLong(JSON.readTree(get(CONFIGMAPS + "/big-0000")).path("metadata")
        .path("resourceVersion").asText());
    try (Watch watch = Watch.open(CONFIGMAPS + "?watch=true&timeoutSeconds=120&resourceVersion=" + (first - 1))) {
      List<JsonNode> owed = watch.next(OBJECTS);
      List<Long> versions = new ArrayList<>();
      for (JsonNode e : owed) {
        assertThat(e.path("type").asText()).isEqualTo("ADDED");
        versions.add(Long.parseLong(e.path("object").path("metadata").path("resourceVersion").asText()));
      }
      assertThat(versions).isSorted().doesNotHaveDuplicates().hasSize(OBJECTS).startsWith(first);
    }
  }

  @Test
  void sendInitialEventsEndsAFullListWithTheBookmark() throws Exception {
    try (Watch watch = Watch.open(CONFIGMAPS + "?watch=true&timeoutSeconds=120&sendInitialEvents=true"
        + "&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")) {
      List<JsonNode> events = watch.next(OBJECTS + 1);
      assertThat(events.subList(0, OBJECTS)).extracting(e -> e.path("type").asText()).containsOnly("ADDED");
      JsonNode end = events.get(OBJECTS);
      assertThat(end.path("type").asText()).isEqualTo("BOOKMARK");
      assertThat(end.path("object").path("metadata").path("annotations").path("k8s.io/initial-events-end").asText())
          .isEqualTo("true");
    }
  }

  @Test
  void overWebSocketEveryOwedEventIsItsOwnFrame() throws Exception {
    WebSocketFrames received = new WebSocketFrames();
    java.util.concurrent.BlockingQueue<String> frames = received.frames;
    java.net.http.WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
        + cluster.url().getPort() + CONFIGMAPS + "?watch=true&timeoutSeconds=120"), received)
        .get(30, TimeUnit.SECONDS);
    try {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < OBJECTS; i++) {
        String frame = frames.poll(60, TimeUnit.SECONDS);
        assertThat(frame).as("frame %d of %d", i + 1, OBJECTS).isNotNull();
        JsonNode event = JSON.readTree(frame); // one whole event per frame, never two
        assertThat(event.path("type").asText()).isEqualTo("ADDED");
        names.add(event.path("object").path("metadata").path("name").asText());
      }
      assertThat(names).doesNotHaveDuplicates().hasSize(OBJECTS);
    } finally {
      socket.abort();
    }
  }

  private static String get(String path) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(cluster.url() + path))
        .build(), BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static void create(String name) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(cluster.url() + CONFIGMAPS))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"" + name + "\"}}")).build(),
        BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static void delete(String name) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(cluster.url()
        + CONFIGMAPS + "/" + name)).DELETE().build(), BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /** One watch response read line by line, each read bounded. */
  private static final class Watch implements AutoCloseable {
    private final InputStream body;
    private final BufferedReader lines;

    private Watch(InputStream body) {
      this.body = body;
      this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    static Watch open(String path) throws Exception {
      HttpResponse<InputStream> r = client.sendAsync(HttpRequest.newBuilder(URI.create(cluster.url() + path)).build(), BodyHandlers.ofInputStream()).get(30, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      return new Watch(r.body());
    }

    /** The next {@code n} events; fails if the stream ends or stalls first. */
    List<JsonNode> next(int n) throws Exception {
      return CompletableFuture.supplyAsync(() -> {
        List<JsonNode> events = new ArrayList<>(n);
        try {
          while (events.size() < n) {
            String line = lines.readLine();
            if (line == null) {
              throw new AssertionError("the watch ended after " + events.size() + " of " + n + " events");
            }
            events.add(JSON.readTree(line));
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return events;
      }).get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      body.close();
    }
  }
}
