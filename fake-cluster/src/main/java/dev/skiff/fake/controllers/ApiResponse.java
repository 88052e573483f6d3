package dev.skiff.fake.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The API server's answer to one in-process request.
 *
 * @param status the HTTP status
 * @param body the body as JSON (a Status on errors), or a text node when it was not JSON
 */
record ApiResponse(int status, JsonNode body) {

  /** Whether the request succeeded (2xx). */
  boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The body as an object; for successful writes, the stored object. */
  ObjectNode object() {
    return (ObjectNode) body;
  }

  /** The error message of a failed request. */
  String message() {
    return body.path("message").asText(body.asText());
  }
}
