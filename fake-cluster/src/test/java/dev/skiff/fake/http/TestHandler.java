package dev.skiff.fake.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the API layer: {@code /echo} describes the request back, {@code /stream} opens a stream and
 * hands it to the test, {@code /boom} throws, {@code /twice} answers twice, {@code /pieces} answers with a body
 * sent as pieces ({@link #PIECES}, the same shared buffers every time), {@code /large-pieces} with a body of
 * megabytes in many pieces ({@link #LARGE_PIECES}).
 */
final class TestHandler implements HttpHandler {

  /** Streams opened by {@code /stream}, in the order the requests arrived. */
  final BlockingQueue<EventStream> streams = new LinkedBlockingQueue<>();

  /** The body of {@code /pieces}: a shared separator used twice, and a slice from the middle of an array. */
  static final List<ByteBuffer> PIECES;

  static {
    ByteBuffer comma = ByteBuffer.wrap(bytes(","));
    ByteBuffer slice = ByteBuffer.wrap(bytes("xx{\"b\":2}yy"), 2, 7);
    PIECES = List.of(ByteBuffer.wrap(bytes("[{\"a\":1}")), comma, slice, comma, ByteBuffer.wrap(bytes("{}]")));
  }

  /**
   * The body of {@code /large-pieces}: a few megabytes in pieces of odd sizes, heap and direct, some of them
   * slices, so that the transport's own cuts fall inside pieces and between them.
   */
  static final List<ByteBuffer> LARGE_PIECES;

  static {
    java.util.Random random = new java.util.Random(42);
    List<ByteBuffer> pieces = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      byte[] text = new byte[1 + random.nextInt(16_000)];
      for (int j = 0; j < text.length; j++) {
        text[j] = (byte) ('a' + (i + j) % 26);
      }
      ByteBuffer piece = switch (i % 3) {
        case 0 -> ByteBuffer.wrap(text);
        case 1 -> ByteBuffer.allocateDirect(text.length + 10).put(text).position(0).limit(text.length);
        default -> ByteBuffer.wrap(text, text.length / 2, text.length - text.length / 2);
      };
      pieces.add(piece.asReadOnlyBuffer());
    }
    LARGE_PIECES = List.copyOf(pieces);
  }

  /** What the second answer of {@code /twice} threw. */
  final BlockingQueue<Throwable> secondAnswer = new LinkedBlockingQueue<>();

  @Override
  public void handle(HttpRequest request, HttpResponder responder) {
    switch (request.path()) {
      case "/stream" -> streams.add(responder.stream(200, "application/json", Map.of("Cache-Control", "no-cache")));
      case "/boom" -> throw new IllegalStateException("kaboom");
      case "/pieces" -> responder.send(200, "application/json", Map.of(), PIECES);
      case "/large-pieces" -> responder.send(200, "application/json", Map.of(), LARGE_PIECES);
      case "/twice" -> {
        responder.send(200, "text/plain", Map.of(), bytes("first"));
        try {
          responder.send(200, "text/plain", Map.of(), bytes("second"));
        } catch (RuntimeException e) {
          secondAnswer.add(e);
        }
      }
      default -> responder.send(200, "application/json", Map.of("X-Echo", "yes"), bytes(describe(request)));
    }
  }

  /** The next stream opened, waiting a bounded time. */
  EventStream nextStream() throws InterruptedException {
    EventStream s = streams.poll(10, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("no stream was opened within 10 s");
    }
    return s;
  }

  static String describe(HttpRequest r) {
    StringBuilder b = new StringBuilder("{\"method\":").append(StatusBodies.quote(r.method()))
        .append(",\"path\":").append(StatusBodies.quote(r.path()))
        .append(",\"query\":{");
    String sep = "";
    for (Map.Entry<String, java.util.List<String>> e : r.query().entrySet()) {
      b.append(sep).append(StatusBodies.quote(e.getKey())).append(":[");
      String s2 = "";
      for (String v : e.getValue()) {
        b.append(s2).append(StatusBodies.quote(v));
        s2 = ",";
      }
      b.append(']');
      sep = ",";
    }
    return b.append("},\"bodyBytes\":").append(r.body().length)
        .append(",\"webSocket\":").append(r.webSocket())
        .append(",\"contentType\":").append(StatusBodies.quote(r.header("Content-Type").orElse("")))
        .append('}').toString();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
