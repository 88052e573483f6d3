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
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Watches through the whole stack: API layer events framed as HTTP chunks and as WebSocket text frames. */
@WithFakeCluster
class WatchTransportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();

  private void createConfigMap(FakeCluster cluster, String name) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1/namespaces/default/configmaps"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"a\":\"b\"}}"))
        .build(), BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static <T> T within(CompletableFuture<T> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  @Test
  void http_watch_streams_one_json_line_per_event(FakeCluster cluster) throws Exception {
    createConfigMap(cluster, "before");
    HttpResponse<InputStream> watch = within(client.sendAsync(HttpRequest.newBuilder(
        URI.create(cluster.url() + "/api/v1/namespaces/default/configmaps?watch=true")).build(),
        BodyHandlers.ofInputStream()));
    assertThat(watch.statusCode()).isEqualTo(200);
    assertThat(watch.headers().firstValue("content-type")).contains("application/json");
    assertThat(watch.headers().firstValue("transfer-encoding")).contains("chunked");
    BufferedReader lines = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8));

    JsonNode synthetic = JSON.readTree(within(CompletableFuture.supplyAsync(() -> readLine(lines))));
    assertThat(synthetic.path("type").asText()).isEqualTo("ADDED");
    assertThat(synthetic.path("object").path("metadata").path("name").asText()).isEqualTo("before");

    createConfigMap(cluster, "during");
    JsonNode live = JSON.readTree(within(CompletableFuture.supplyAsync(() -> readLine(lines))));
    assertThat(live.path("type").asText()).isEqualTo("ADDED");
    assertThat(live.path("object").path("metadata").path("name").asText()).isEqualTo("during");
    watch.body().close();
  }

  @Test
  void websocket_watch_sends_one_text_frame_per_event(FakeCluster cluster) throws Exception {
    WebSocketFrames received = new WebSocketFrames();
    BlockingQueue<String> frames = received.frames;
    WebSocket socket = within(client.newWebSocketBuilder().buildAsync(
        URI.create("ws://127.0.0.1:" + cluster.url().getPort() + "/api/v1/namespaces/default/configmaps?watch=true"),
        received));
    createConfigMap(cluster, "over-websocket");
    String frame = frames.poll(30, TimeUnit.SECONDS);
    assertThat(frame).isNotNull().doesNotEndWith("\n");
    JsonNode event = JSON.readTree(frame);
    assertThat(event.path("type").asText()).isEqualTo("ADDED");
    assertThat(event.path("object").path("metadata").path("name").asText()).isEqualTo("over-websocket");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
