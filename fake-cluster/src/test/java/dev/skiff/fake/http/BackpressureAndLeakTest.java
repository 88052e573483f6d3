package dev.skiff.fake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBuf;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackpressureAndLeakTest {

  @Test
  void a_client_that_stops_reading_makes_its_stream_unwritable() throws Exception {
    TestHandler handler = new TestHandler();
    try (HttpServer server = HttpServer.start(HttpServerConfig.defaults(), handler);
        RawHttp raw = new RawHttp(server.url())) {
      raw.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      EventStream stream = handler.nextStream();
      byte[] chunk = new byte[64 * 1024];
      int sent = 0;
      // The client reads nothing: socket buffers and then the 1 MiB high-water mark fill up. 64 MiB is far
      // more than any socket buffer, so the loop ends by the mark, not by the bound.
      while (stream.isWritable() && sent < 1024) {
        assertThat(stream.send(chunk)).isTrue();
        sent++;
      }
      assertThat(stream.isWritable()).as("still writable after %d chunks", sent).isFalse();
      assertThat(stream.isOpen()).isTrue();

      CountDownLatch closed = new CountDownLatch(1);
      stream.onClosed(closed::countDown);
      stream.close(); // the API layer drops the slow watcher
      raw.close();
      assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * Every buffer Netty allocates for a request is released, whatever the request's fate: Netty's leak detector
   * at its strictest tracks every buffer and reports any collected unreleased one to the listener.
   */
  @Test
  void releases_every_buffer() throws Exception {
    List<String> leaks = new CopyOnWriteArrayList<>();
    ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    ResourceLeakDetector<?> detector = byteBufLeakDetector();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    detector.setLeakListener((type, records) -> leaks.add(type + ": " + records));
    TestHandler handler = new TestHandler();
    try (HttpServer server = HttpServer.start(new HttpServerConfig(0, 4096, Optional.empty(), Optional.empty()), handler)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int round = 0; round < 2; round++) {
        traffic(server.url(), client, handler);
        System.gc(); // unreleased buffers become collectable; the next allocations report them
      }
    } finally {
      detector.setLeakListener(null);
      ResourceLeakDetector.setLevel(before);
    }
    assertThat(leaks).isEmpty();
  }

  /** Every kind of request: bodies, streams, refusals, malformed input, HEAD, pipelining. */
  private static void traffic(URI url, HttpClient client, TestHandler handler) throws Exception {
    for (int i = 0; i < 40; i++) {
      client.send(java.net.http.HttpRequest.newBuilder(URI.create(url + "/post?i=" + i))
          .POST(BodyPublishers.ofByteArray(new byte[i * 40])).build(), BodyHandlers.discarding());
    }
    client.send(java.net.http.HttpRequest.newBuilder(URI.create(url + "/big"))
        .POST(BodyPublishers.ofByteArray(new byte[8192])).build(), BodyHandlers.discarding());
    try (RawHttp raw = new RawHttp(url)) {
      raw.send("HEAD /head HTTP/1.1\r\nHost: x\r\n\r\nGET /after-head HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Response head = raw.readResponseHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(raw.readResponse().body()).contains("/after-head");
    }
    try (RawHttp raw = new RawHttp(url)) {
      raw.send("POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
      assertThat(raw.readResponse().body()).contains("\"bodyBytes\":5");
      raw.send("NOT HTTP AT ALL\r\n\r\n");
      assertThat(raw.readResponse().status()).isEqualTo(400);
    }
    try (RawHttp raw = new RawHttp(url)) {
      raw.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      EventStream stream = handler.nextStream();
      for (int i = 0; i < 20; i++) {
        stream.send(("{\"i\":" + i + "}\n").getBytes());
      }
      stream.close();
    }
  }

  private static ResourceLeakDetector<?> byteBufLeakDetector() throws ReflectiveOperationException {
    Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
    field.setAccessible(true);
    return (ResourceLeakDetector<?>) field.get(null);
  }
}
