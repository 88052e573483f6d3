package dev.skiff.fake.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {

  private final TestHandler handler = new TestHandler();
  private HttpServer server;
  private HttpClient client;

  @BeforeEach
  void start() {
    server = HttpServer.start(new HttpServerConfig(0, 1024, Optional.empty(), Optional.empty()), handler);
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private java.net.http.HttpRequest.Builder request(String pathAndQuery) {
    return java.net.http.HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).timeout(Duration.ofSeconds(10));
  }

  @Test
  void binds_loopback_on_a_free_port() {
    assertThat(server.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(server.address().getPort()).isPositive();
  }

  @Test
  void hands_the_handler_a_decoded_request_and_sends_its_answer() throws Exception {
    HttpResponse<String> r = client.send(
        request("/api/v1/namespaces/default/pods?labelSelector=app+in+%28web%2Capi%29&limit=500&x=1&x=2")
            .header("Content-Type", "application/json")
            .method("PATCH", BodyPublishers.ofString("{\"a\":1}")).build(),
        BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    assertThat(r.headers().firstValue("content-length")).contains(String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length));
    assertThat(r.headers().firstValue("x-echo")).contains("yes");
    assertThat(r.body()).isEqualTo("{\"method\":\"PATCH\",\"path\":\"/api/v1/namespaces/default/pods\","
        + "\"query\":{\"labelSelector\":[\"app in (web,api)\"],\"limit\":[\"500\"],\"x\":[\"1\",\"2\"]},"
        + "\"bodyBytes\":7,\"webSocket\":false,\"contentType\":\"application/json\"}");
  }

  @Test
  void sends_a_body_of_pieces_as_their_concatenation_and_leaves_the_pieces_as_they_were() throws Exception {
    String body = "[{\"a\":1},{\"b\":2},{}]";
    try (RawHttp raw = new RawHttp(server.url())) {
      for (int i = 0; i < 2; i++) { // the shared pieces again: reading them must not have moved them
        raw.send("GET /pieces HTTP/1.1\r\nHost: x\r\n\r\n");
        RawHttp.Response r = raw.readResponse();
        assertThat(r.headers()).containsEntry("content-length", String.valueOf(body.length()));
        assertThat(r.body()).isEqualTo(body);
      }
    }
    // The default method, which other responders inherit, joins them the same way.
    byte[][] joined = new byte[1][];
    HttpResponder joining = new HttpResponder() {
      @Override
      public void send(int status, String contentType, Map<String, String> headers, byte[] b) {
        joined[0] = b;
      }

      @Override
      public EventStream stream(int status, String contentType, Map<String, String> headers) {
        throw new UnsupportedOperationException();
      }
    };
    joining.send(200, "application/json", Map.of(), TestHandler.PIECES);
    assertThat(new String(joined[0], StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(TestHandler.PIECES.get(2).position()).isEqualTo(2);
  }

  @Test
  void sends_a_body_of_megabytes_in_pieces_whole_and_in_order_then_serves_on() throws Exception {
    StringBuilder expected = new StringBuilder();
    for (ByteBuffer piece : TestHandler.LARGE_PIECES) {
      ByteBuffer copy = piece.duplicate();
      while (copy.hasRemaining()) {
        expected.append((char) copy.get());
      }
    }
    assertThat(expected.length()).isGreaterThan(2 * 1024 * 1024);
    try (RawHttp raw = new RawHttp(server.url())) {
      // Twice with a pipelined request between: the shared pieces are unmoved and the connection is in step.
      raw.send("GET /large-pieces HTTP/1.1\r\nHost: x\r\n\r\nGET /between HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /large-pieces HTTP/1.1\r\nHost: x\r\n\r\n");
      for (String path : List.of("/large-pieces", "/between", "/large-pieces")) {
        RawHttp.Response r = raw.readResponse();
        assertThat(r.status()).isEqualTo(200);
        if (path.equals("/between")) {
          assertThat(r.body()).contains("\"path\":\"/between\"");
        } else {
          assertThat(r.headers()).containsEntry("content-length", String.valueOf(expected.length()));
          assertThat(r.body()).isEqualTo(expected.toString());
        }
      }
    }
  }

  @Test
  void keeps_the_connection_alive_and_answers_pipelined_requests_in_order() throws Exception {
    try (RawHttp raw = new RawHttp(server.url())) {
      raw.send("GET /first HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.readResponse().body()).contains("\"/first\"");
      // Two requests in one write: the answers come back in request order on the same connection.
      raw.send("GET /second HTTP/1.1\r\nHost: x\r\n\r\nGET /third HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.readResponse().body()).contains("\"/second\"");
      assertThat(raw.readResponse().body()).contains("\"/third\"");
    }
  }

  @Test
  void closes_after_answering_when_the_client_asks() throws Exception {
    try (RawHttp raw = new RawHttp(server.url())) {
      raw.send("GET /bye HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      RawHttp.Response r = raw.readResponse();
      assertThat(r.headers()).containsEntry("connection", "close");
      assertThat(raw.closedByServer()).isTrue();
    }
    try (RawHttp raw = new RawHttp(server.url())) {
      raw.send("GET /old HTTP/1.0\r\n\r\n");
      assertThat(raw.readResponse().status()).isEqualTo(200);
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test
  void streams_each_chunk_as_it_is_sent_and_ends_with_the_last_chunk() throws Exception {
    try (RawHttp raw = new RawHttp(server.url())) {
      raw.send("GET /stream?watch=true HTTP/1.1\r\nHost: x\r\n\r\n");
      EventStream stream = handler.nextStream();
      assertThat(raw.readLine()).isEqualTo("HTTP/1.1 200 OK");
      List<String> head = new ArrayList<>();
      for (String line = raw.readLine(); !line.isEmpty(); line = raw.readLine()) {
        head.add(line.toLowerCase());
      }
      assertThat(head).contains("content-type: application/json", "transfer-encoding: chunked", "cache-control: no-cache");

      // Each chunk arrives before the next is sent: the transport flushes per event.
      for (int i = 0; i < 3; i++) {
        assertThat(stream.send(TestHandler.bytes("{\"n\":" + i + "}\n"))).isTrue();
        assertThat(raw.readChunk()).isEqualTo("{\"n\":" + i + "}\n");
      }
      assertThat(stream.isOpen()).isTrue();
      assertThat(stream.isWritable()).isTrue();
      CountDownLatch closed = new CountDownLatch(1);
      stream.onClosed(closed::countDown);
      stream.close();
      stream.close(); // idempotent
      assertThat(raw.readChunk()).isNull();
      assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(stream.send(TestHandler.bytes("late\n"))).isFalse();

      // The connection serves the next request after the stream.
      raw.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.readResponse().body()).contains("\"/after\"");
    }
  }

  @Test
  void a_client_that_leaves_fires_onClosed_and_ends_the_stream() throws Exception {
    EventStream stream;
    try (RawHttp raw = new RawHttp(server.url())) {
      raw.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      stream = handler.nextStream();
      assertThat(raw.readLine()).startsWith("HTTP/1.1 200");
    }
    CountDownLatch closed = new CountDownLatch(1);
    stream.onClosed(closed::countDown);
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(stream.isOpen()).isFalse();
    assertThat(stream.send(TestHandler.bytes("x\n"))).isFalse();
    // A callback registered after the end runs too.
    CountDownLatch late = new CountDownLatch(1);
    stream.onClosed(late::countDown);
    assertThat(late.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void refuses_a_body_over_the_limit_with_the_real_servers_status() throws Exception {
    HttpResponse<String> r = client.send(request("/api/v1/namespaces/default/configmaps")
        .POST(BodyPublishers.ofByteArray(new byte[1025])).build(), BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    assertThat(r.body()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"Request entity too large: limit is 1024\",\"reason\":\"RequestEntityTooLarge\",\"code\":413}");
    // A body at the limit passes.
    HttpResponse<String> ok = client.send(request("/ok").POST(BodyPublishers.ofByteArray(new byte[1024])).build(),
        BodyHandlers.ofString());
    assertThat(ok.body()).contains("\"bodyBytes\":1024");
  }

  @Test
  void refuses_a_chunked_body_over_the_limit() throws Exception {
    try (RawHttp raw = new RawHttp(server.url())) {
      raw.send("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "300\r\n" + "a".repeat(0x300) + "\r\n300\r\n" + "b".repeat(0x300) + "\r\n0\r\n\r\n");
      RawHttp.Response r = raw.readResponse();
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.body()).contains("\"reason\":\"RequestEntityTooLarge\"");
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test
  void answers_a_malformed_request_with_400_and_serves_on() throws Exception {
    try (RawHttp raw = new RawHttp(server.url())) {
      raw.send("THIS IS NOT HTTP\r\n\r\n");
      RawHttp.Response r = raw.readResponse();
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("400 Bad Request");
      assertThat(raw.closedByServer()).isTrue();
    }
    try (RawHttp raw = new RawHttp(server.url())) {
      raw.send("GET /bad%zzescape HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.readResponse().status()).isEqualTo(400);
    }
    assertThat(client.send(request("/still-here").build(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  @Test
  void answers_500_when_the_handler_throws_and_refuses_a_second_answer() throws Exception {
    HttpResponse<String> r = client.send(request("/boom").build(), BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("\"reason\":\"InternalError\"", "kaboom");

    HttpResponse<String> twice = client.send(request("/twice").build(), BodyHandlers.ofString());
    assertThat(twice.body()).isEqualTo("first");
    assertThat(handler.secondAnswer.poll(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void serves_many_parallel_clients() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      answers.add(client.sendAsync(request("/parallel?i=" + i).build(), BodyHandlers.ofString()));
    }
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<String> r = answers.get(i).get(30, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"i\":[\"" + i + "\"]");
    }
  }

  @Test
  void holds_200_concurrent_streams() throws Exception {
    int n = 200;
    List<CompletableFuture<HttpResponse<InputStream>>> responses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      responses.add(client.sendAsync(request("/stream?i=" + i).build(), BodyHandlers.ofInputStream()));
    }
    List<EventStream> streams = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      streams.add(handler.nextStream());
    }
    for (int i = 0; i < n; i++) {
      streams.get(i).send(TestHandler.bytes("{\"stream\":" + i + "}\n"));
    }
    AtomicInteger seen = new AtomicInteger();
    List<String> firstLines = new ArrayList<>();
    for (CompletableFuture<HttpResponse<InputStream>> f : responses) {
      HttpResponse<InputStream> r = f.get(30, TimeUnit.SECONDS);
      BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
      firstLines.add(reader.readLine());
      seen.incrementAndGet();
    }
    assertThat(seen.get()).isEqualTo(n);
    // Streams and responses pair up in arrival order, which need not be send order: compare as sets.
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add("{\"stream\":" + i + "}");
    }
    assertThat(firstLines).containsExactlyInAnyOrderElementsOf(expected);
    streams.forEach(EventStream::close);
    for (CompletableFuture<HttpResponse<InputStream>> f : responses) {
      try (InputStream body = f.get().body()) {
        body.readAllBytes(); // ends: the last chunk arrived
      }
    }
  }
}
