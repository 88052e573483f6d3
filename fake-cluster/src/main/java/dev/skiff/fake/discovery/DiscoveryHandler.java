package dev.skiff.fake.discovery;

import dev.skiff.fake.http.HttpRequest;
import dev.skiff.fake.http.HttpResponder;

/**
 * Answers everything that is not a resource: {@code /version}, discovery, OpenAPI, health.
 *
 * <p>SCAFFOLD: placeholder with the agreed signatures; the real implementation replaces it.
 */
public final class DiscoveryHandler {

  /** Whether the request is one this handler answers. */
  public boolean handles(HttpRequest request) {
    return false;
  }

  /** Answers the request. */
  public void handle(HttpRequest request, HttpResponder responder) {
    throw new UnsupportedOperationException("scaffold");
  }
}
