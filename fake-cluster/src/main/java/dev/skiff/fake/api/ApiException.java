package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the server refuses: carries the {@code Status} body the real server sends for it.
 */
public final class ApiException extends RuntimeException {
  private final int code;
  private final String reason;
  private final ObjectNode details;
  private final ObjectNode prebuilt;

  /**
   * Creates the exception.
   *
   * @param code HTTP status
   * @param reason the Status reason, e.g. {@code NotFound}, or null for none
   * @param message the Status message
   * @param details the Status details, or null to leave them out
   */
  public ApiException(int code, String reason, String message, ObjectNode details) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.details = details;
    this.prebuilt = null;
  }

  /**
   * An exception answered with a Status body built elsewhere (e.g. the registry's 422 or 403 bodies).
   *
   * @param status the Status object; its {@code code} is the HTTP status
   */
  public ApiException(ObjectNode status) {
    super(status.path("message").asText(), null, false, false);
    this.code = status.path("code").asInt(500);
    this.reason = status.path("reason").asText(null);
    this.details = null;
    this.prebuilt = status.deepCopy();
  }

  /** The HTTP status. */
  public int code() {
    return code;
  }

  /** The Status body. */
  public ObjectNode status() {
    if (prebuilt != null) {
      return prebuilt.deepCopy();
    }
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", getMessage());
    if (reason != null) {
      s.put("reason", reason);
    }
    if (details != null) {
      s.set("details", details);
    }
    s.put("code", code);
    return s;
  }

  /** {@code details} with name and kind, as most errors about one object carry. */
  static ObjectNode details(String name, String kind) {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    if (name != null && !name.isEmpty()) {
      d.put("name", name);
    }
    if (kind != null) {
      d.put("kind", kind);
    }
    return d;
  }

  /** 404 for a missing object: {@code pods "x" not found}. */
  public static ApiException notFound(String resource, String name) {
    return new ApiException(404, "NotFound", resource + " \"" + name + "\" not found", details(name, resource));
  }

  /** 404 for a path the server does not serve. */
  public static ApiException noSuchResource() {
    return new ApiException(404, "NotFound", "the server could not find the requested resource",
        JsonNodeFactory.instance.objectNode());
  }

  /** 409 for a create of an existing name. */
  public static ApiException alreadyExists(String resource, String name) {
    return new ApiException(409, "AlreadyExists", resource + " \"" + name + "\" already exists",
        details(name, resource));
  }

  /** 409 for a write against a stale resourceVersion. */
  public static ApiException conflict(String resource, String name) {
    return conflict(resource, name,
        "the object has been modified; please apply your changes to the latest version and try again");
  }

  /** 409 with a given explanation: {@code Operation cannot be fulfilled on <what> "<name>": <why>}. */
  public static ApiException conflict(String what, String name, String why) {
    return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + what + " \"" + name + "\": " + why,
        details(name, what));
  }

  /** 400 without details. */
  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null);
  }

  /** 405 for a verb the resource does not support. */
  public static ApiException methodNotAllowed() {
    return new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
        JsonNodeFactory.instance.objectNode());
  }

  /** 415 for a body in a format the server does not read. */
  public static ApiException unsupportedMediaType(String message) {
    return new ApiException(415, "UnsupportedMediaType", message, JsonNodeFactory.instance.objectNode());
  }

  /** 410 for a resourceVersion older than the retained history. */
  public static ApiException expired(String message) {
    return new ApiException(410, "Expired", message, null);
  }
}
