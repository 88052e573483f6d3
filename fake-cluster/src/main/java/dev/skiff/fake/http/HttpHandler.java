package dev.skiff.fake.http;

/**
 * The API layer behind the transport. Called on a worker thread (never the network event loop), so it may
 * take locks; it answers through the responder exactly once, either with a whole body or with a stream.
 */
@FunctionalInterface
public interface HttpHandler {

  /** Answers one request. */
  void handle(HttpRequest request, HttpResponder responder);
}
