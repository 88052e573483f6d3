package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.http.HttpHandler;
import dev.skiff.fake.http.HttpRequest;
import dev.skiff.fake.http.HttpResponder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The API server's behaviour behind the transport: routing, storage, watch, semantics.
 *
 * <p>SCAFFOLD: placeholder with the agreed signatures; the real implementation replaces it.
 */
public final class ApiServer implements HttpHandler, AutoCloseable {

  private final ApiServerOptions options;

  /** Creates an API server with empty storage (plus what the real server creates at start). */
  public ApiServer(ApiServerOptions options) {
    this.options = options;
  }

  /** Stores an object as if a client had created it (defaulting and validation apply). */
  public ObjectNode create(ObjectNode object) {
    throw new UnsupportedOperationException("scaffold");
  }

  @Override
  public void handle(HttpRequest request, HttpResponder responder) {
    responder.send(404, "application/json", Map.of(),
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\",\"details\":{},\"code\":404}"
            .getBytes(StandardCharsets.UTF_8));
  }

  /** Ends every open watch. */
  @Override
  public void close() {}
}
