package dev.skiff.fake.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Watch over WebSocket, as fabric8 asks for it: one text frame per event, newline dropped. */
class WebSocketStreamTest {

  private final TestHandler handler = new TestHandler();
  private final HttpServer server =
      HttpServer.start(new HttpServerConfig(0, 1024, Optional.empty(), Optional.empty()), handler);

  @AfterEach
  void stop() {
    server.close();
  }

  /** Collects what the client receives. */
  private static final class Recorder implements WebSocket.Listener {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
    }
  }

  private URI ws(String pathAndQuery) {
    return URI.create("ws://127.0.0.1:" + server.address().getPort() + pathAndQuery);
  }

  @Test
  void sends_one_text_frame_per_event_and_a_normal_close() throws Exception {
    Recorder recorder = new Recorder();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .subprotocols("v4.channel.k8s.io")
        .buildAsync(ws("/stream?watch=true&allowWatchBookmarks=true"), recorder)
        .get(10, TimeUnit.SECONDS);
    assertThat(socket.getSubprotocol()).isEqualTo("v4.channel.k8s.io");

    EventStream stream = handler.nextStream();
    stream.send(TestHandler.bytes("{\"type\":\"ADDED\"}\n"));
    stream.send(TestHandler.bytes("{\"type\":\"MODIFIED\"}\n"));
    assertThat(recorder.texts.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"ADDED\"}");
    assertThat(recorder.texts.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"MODIFIED\"}");

    stream.close();
    assertThat(recorder.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
  }

  @Test
  void the_handler_sees_the_upgrade_and_a_client_close_ends_the_stream() throws Exception {
    Recorder recorder = new Recorder();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(ws("/stream"), recorder).get(10, TimeUnit.SECONDS);
    EventStream stream = handler.nextStream();
    CountDownLatch ended = new CountDownLatch(1);
    stream.onClosed(ended::countDown);

    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(stream.send(TestHandler.bytes("late\n"))).isFalse();
  }

  @Test
  void an_upgrade_answered_with_a_whole_body_is_plain_http() throws Exception {
    // The API layer refuses a watch (say 410) with send(): the client gets that HTTP answer, no upgrade.
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(URI.create(server.url() + "/echo")).build(), BodyHandlers.ofString());
    assertThat(r.body()).contains("\"webSocket\":false");
    try (RawHttp raw = new RawHttp(server.url())) {
      raw.send("GET /echo HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
          + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
      RawHttp.Response answer = raw.readResponse();
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).contains("\"webSocket\":true");
    }
  }
}
