package dev.skiff.fake.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** How the API layer answers one request: once, with a whole body or with a stream of chunks. */
public interface HttpResponder {

  /**
   * Sends a complete answer.
   *
   * @param status HTTP status code
   * @param contentType value of the {@code Content-Type} header (every answer has one)
   * @param headers further headers, e.g. {@code Warning} or {@code Retry-After}
   * @param body the body
   */
  void send(int status, String contentType, Map<String, String> headers, byte[] body);

  /**
   * Sends a complete answer whose body is the concatenation of byte ranges, each from its buffer's position to
   * its limit. A list is assembled this way from its stored items, so that its megabytes are copied once, into
   * the transport's buffers, rather than joined into an array first. The transport may read the buffers after
   * this method returns, while it sends (a large body goes out piece by piece), so their contents must not
   * change; their positions and limits are left as they are, so constant pieces may be shared.
   *
   * <p>This default joins the pieces and calls {@link #send(int, String, Map, byte[])}.
   *
   * @param status HTTP status code
   * @param contentType value of the {@code Content-Type} header
   * @param headers further headers
   * @param body the pieces of the body, in order
   */
  default void send(int status, String contentType, Map<String, String> headers, List<ByteBuffer> body) {
    int length = 0;
    for (ByteBuffer piece : body) {
      length = Math.addExact(length, piece.remaining());
    }
    byte[] joined = new byte[length];
    int at = 0;
    for (ByteBuffer piece : body) {
      int n = piece.remaining();
      piece.get(piece.position(), joined, at, n);
      at += n;
    }
    send(status, contentType, headers, joined);
  }

  /**
   * Starts a streamed answer (HTTP chunked encoding, or WebSocket text frames when the request was an
   * upgrade).
   *
   * @param status HTTP status code
   * @param contentType value of the {@code Content-Type} header
   * @param headers further headers
   * @return the stream to write chunks into
   */
  EventStream stream(int status, String contentType, Map<String, String> headers);
}
