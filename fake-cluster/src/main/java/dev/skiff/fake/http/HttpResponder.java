package dev.skiff.fake.http;

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
