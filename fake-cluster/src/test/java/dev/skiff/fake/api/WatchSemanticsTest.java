package dev.skiff.fake.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.fake.api.TestClient.Answer;
import dev.skiff.fake.api.replay.InProcessExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Watch semantics against the real server's: resume without gap or repeat, 410, selectors, bookmarks. */
class WatchSemanticsTest {
  private static final Duration BOUND = Duration.ofSeconds(5);
  private ApiServer server;
  private TestClient client;

  private void start(ApiServerOptions options) {
    server = new ApiServer(options);
    client = new TestClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String cm(String name, String labels) {
    return "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'" + name + "','labels':{" + labels + "}},"
        + "'data':{'k':'v'}}";
  }

  @Test
  void resumeFromResourceVersionMissesAndRepeatsNothingUnderConcurrentWriters() throws Exception {
    start(ApiServerOptions.defaults());
    String startRv = client.get("/api/v1/namespaces/default/configmaps").rv();
    InProcessExchange watch = client.watch("/api/v1/namespaces/default/configmaps?resourceVersion=" + startRv);
    int writers = 4;
    int perWriter = 50;
    ConcurrentLinkedQueue<Long> writeRvs = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch go = new CountDownLatch(1);
    for (int w = 0; w < writers; w++) {
      int id = w;
      pool.execute(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perWriter; i++) {
          String name = "c-" + id + "-" + i;
          Answer created = client.post("/api/v1/namespaces/default/configmaps", cm(name, "'w':'" + id + "'"));
          writeRvs.add(Long.parseLong(created.rv()));
          Answer patched = client.mergePatch("/api/v1/namespaces/default/configmaps/" + name,
              "{'data':{'k':'" + i + "'}}");
          writeRvs.add(Long.parseLong(patched.rv()));
        }
      });
    }
    go.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    List<byte[]> chunks = watch.awaitChunks(writers * perWriter * 2, BOUND);
    assertEquals(writers * perWriter * 2, chunks.size());
    List<Long> seen = TestClient.events(watch).stream()
        .map(e -> Long.parseLong(e.path("object").path("metadata").path("resourceVersion").asText()))
        .collect(Collectors.toList());
    List<Long> expected = writeRvs.stream().sorted().collect(Collectors.toList());
    assertEquals(expected, seen, "every write after the start, in order, once");
    assertTrue(seen.get(0) > Long.parseLong(startRv));

    // a second watcher resuming from the middle sees exactly the tail
    long middle = expected.get(expected.size() / 2);
    InProcessExchange resumed = client.watch("/api/v1/namespaces/default/configmaps?resourceVersion=" + middle);
    resumed.awaitChunks(expected.size() - expected.size() / 2 - 1, BOUND);
    List<Long> tail = TestClient.events(resumed).stream()
        .map(e -> Long.parseLong(e.path("object").path("metadata").path("resourceVersion").asText()))
        .collect(Collectors.toList());
    assertEquals(expected.subList(expected.size() / 2 + 1, expected.size()), tail);
  }

  @Test
  void resourceVersionOlderThanHistoryGetsOneExpiredErrorAndTheStreamEnds() throws Exception {
    start(ApiServerOptions.defaults().withWatchHistorySize(5));
    String first = client.post("/api/v1/namespaces/default/configmaps", cm("a", "")).rv();
    for (int i = 0; i < 10; i++) {
      client.mergePatch("/api/v1/namespaces/default/configmaps/a", "{'data':{'k':'" + i + "'}}");
    }
    InProcessExchange watch = client.watch("/api/v1/namespaces/default/configmaps?resourceVersion=" + first);
    assertTrue(watch.awaitClosed(BOUND));
    List<JsonNode> events = TestClient.events(watch);
    assertEquals(1, events.size());
    JsonNode error = events.get(0);
    assertEquals("ERROR", error.get("type").asText());
    assertEquals(410, error.path("object").path("code").asInt());
    assertEquals("Expired", error.path("object").path("reason").asText());
    assertTrue(error.path("object").path("message").asText().matches("too old resource version: " + first
        + " \\(\\d+\\)"), error.toString());
    assertEquals(0, server.store().watcherCount());
  }

  @Test
  void labelSelectorEnterAndLeaveAreAddedAndDeleted() throws Exception {
    start(ApiServerOptions.defaults());
    InProcessExchange watch = client.watch("/api/v1/namespaces/default/configmaps?labelSelector=app%3Da");
    client.post("/api/v1/namespaces/default/configmaps", cm("x", "'app':'b'"));
    client.mergePatch("/api/v1/namespaces/default/configmaps/x", "{'metadata':{'labels':{'app':'a'}}}");
    client.mergePatch("/api/v1/namespaces/default/configmaps/x", "{'data':{'k':'2'}}");
    client.mergePatch("/api/v1/namespaces/default/configmaps/x", "{'metadata':{'labels':{'app':'c'}}}");
    client.delete("/api/v1/namespaces/default/configmaps/x");
    watch.awaitChunks(3, BOUND);
    List<String> types = TestClient.events(watch).stream().map(e -> e.get("type").asText())
        .collect(Collectors.toList());
    assertEquals(List.of("ADDED", "MODIFIED", "DELETED"), types);
    JsonNode left = TestClient.events(watch).get(2).get("object");
    assertEquals("c", left.path("metadata").path("labels").path("app").asText(), "DELETED carries the new state");
  }

  @Test
  void withoutResourceVersionExistingObjectsComeFirstAsAdded() throws Exception {
    start(ApiServerOptions.defaults());
    client.post("/api/v1/namespaces/default/configmaps", cm("a", ""));
    client.post("/api/v1/namespaces/default/configmaps", cm("b", ""));
    InProcessExchange watch = client.watch("/api/v1/namespaces/default/configmaps");
    client.post("/api/v1/namespaces/default/configmaps", cm("c", ""));
    watch.awaitChunks(3, BOUND);
    List<String> names = TestClient.events(watch).stream()
        .map(e -> e.get("type").asText() + " " + e.path("object").path("metadata").path("name").asText())
        .collect(Collectors.toList());
    assertEquals(List.of("ADDED a", "ADDED b", "ADDED c"), names);
  }

  @Test
  void bookmarksCarryOnlyTheCurrentResourceVersion() throws Exception {
    start(ApiServerOptions.defaults().withBookmarkInterval(Duration.ofMillis(20)));
    String rv = client.post("/api/v1/namespaces/default/configmaps", cm("a", "")).rv();
    InProcessExchange watch = client.watch("/api/v1/namespaces/default/configmaps?allowWatchBookmarks=true"
        + "&resourceVersion=" + rv);
    watch.awaitChunks(1, BOUND);
    JsonNode mark = TestClient.events(watch).get(0);
    assertEquals("BOOKMARK", mark.get("type").asText());
    assertEquals("ConfigMap", mark.path("object").path("kind").asText());
    assertEquals(rv, mark.path("object").path("metadata").path("resourceVersion").asText());
    assertEquals(1, mark.path("object").path("metadata").size());
  }

  @Test
  void sendInitialEventsEndsTheInitialListWithAnAnnotatedBookmark() throws Exception {
    start(ApiServerOptions.defaults());
    client.post("/api/v1/namespaces/default/configmaps", cm("a", ""));
    InProcessExchange watch = client.watch("/api/v1/namespaces/default/configmaps?sendInitialEvents=true"
        + "&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true");
    watch.awaitChunks(2, BOUND);
    List<JsonNode> events = TestClient.events(watch);
    assertEquals("ADDED", events.get(0).get("type").asText());
    assertEquals("BOOKMARK", events.get(1).get("type").asText());
    assertEquals("true", events.get(1).path("object").path("metadata").path("annotations")
        .path("k8s.io/initial-events-end").asText());
    Answer refused = client.get("/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true");
    assertEquals(400, refused.status());
  }

  @Test
  void timeoutSecondsEndsTheStreamCleanly() throws Exception {
    start(ApiServerOptions.defaults());
    InProcessExchange watch = client.watch("/api/v1/namespaces/default/configmaps?timeoutSeconds=1");
    assertTrue(watch.awaitClosed(BOUND));
    assertEquals(0, server.store().watcherCount());
  }

  @Test
  void aWatcherThatCannotKeepUpIsClosedAndWritersGoOn() throws Exception {
    start(ApiServerOptions.defaults().withWatchMaxBacklog(3));
    InProcessExchange slow = client.watch("/api/v1/namespaces/default/configmaps");
    slow.setWritable(false);
    for (int i = 0; i < 10; i++) {
      assertEquals(201, client.post("/api/v1/namespaces/default/configmaps", cm("s" + i, "")).status());
    }
    assertTrue(slow.closed());
    assertTrue(slow.chunks().size() <= 4);
    assertEquals(0, server.store().watcherCount());
  }

  @Test
  void singleObjectWatchByFieldSelectorAndLegacyPath() throws Exception {
    start(ApiServerOptions.defaults());
    String rv = client.post("/api/v1/namespaces/default/configmaps", cm("one", "")).rv();
    client.post("/api/v1/namespaces/default/configmaps", cm("two", ""));
    InProcessExchange byField = client.watch("/api/v1/namespaces/default/configmaps?fieldSelector="
        + "metadata.name%3Done&resourceVersion=" + rv);
    InProcessExchange legacy = client.exchange("GET", "/api/v1/watch/namespaces/default/configmaps/one?resourceVersion="
        + rv, null, null);
    client.mergePatch("/api/v1/namespaces/default/configmaps/two", "{'data':{'k':'x'}}");
    client.mergePatch("/api/v1/namespaces/default/configmaps/one", "{'data':{'k':'x'}}");
    byField.awaitChunks(1, BOUND);
    legacy.awaitChunks(1, BOUND);
    for (InProcessExchange w : List.of(byField, legacy)) {
      List<JsonNode> events = TestClient.events(w);
      assertEquals(1, events.size(), events.toString());
      assertEquals("one", events.get(0).path("object").path("metadata").path("name").asText());
    }
  }

  @Test
  void aClientGoneBeforeTheStreamStartsLeavesNoWatcher() {
    start(ApiServerOptions.defaults().withBookmarkInterval(Duration.ofMillis(10)));
    InProcessExchange gone = new InProcessExchange();
    gone.goneBeforeStream();
    server.handle(new dev.skiff.fake.http.HttpRequest("GET", "/api/v1/namespaces/default/configmaps",
        java.util.Map.of("watch", List.of("true"), "allowWatchBookmarks", List.of("true")), java.util.Map.of(),
        new byte[0], false), gone);
    assertEquals(0, server.store().watcherCount());
    assertEquals(201, client.post("/api/v1/namespaces/default/configmaps", cm("after", "")).status());
  }

  @Test
  void manyConcurrentWatchersAllSeeEveryEvent() throws Exception {
    start(ApiServerOptions.defaults());
    List<InProcessExchange> watches = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      watches.add(client.watch("/api/v1/configmaps?resourceVersion=" + server.store().resourceVersion()));
    }
    for (int i = 0; i < 5; i++) {
      client.post("/api/v1/namespaces/default/configmaps", cm("m" + i, ""));
    }
    for (InProcessExchange w : watches) {
      assertEquals(5, w.awaitChunks(5, BOUND).size());
      w.close();
    }
    assertEquals(0, server.store().watcherCount());
    assertFalse(watches.get(0).streaming() && !watches.get(0).closed());
  }
}
