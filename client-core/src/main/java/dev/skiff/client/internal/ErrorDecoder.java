package dev.skiff.client.internal;

import dev.skiff.client.error.AlreadyExistsException;
import dev.skiff.client.error.BadRequestException;
import dev.skiff.client.error.ConflictException;
import dev.skiff.client.error.ForbiddenException;
import dev.skiff.client.error.GoneException;
import dev.skiff.client.error.InvalidException;
import dev.skiff.client.error.KubeApiException;
import dev.skiff.client.error.KubeException;
import dev.skiff.client.error.NotFoundException;
import dev.skiff.client.error.ServerErrorException;
import dev.skiff.client.error.TooManyRequestsException;
import dev.skiff.client.error.UnauthorizedException;
import dev.skiff.client.error.UnexpectedResponseException;
import dev.skiff.model.codec.DecodeException;
import dev.skiff.model.codec.ModelCodec;
import dev.skiff.model.meta.v1.Status;
import java.nio.charset.StandardCharsets;

/**
 * Turns an error answer into a typed exception: a {@code Status} body into the {@link KubeApiException}
 * subclass its code and reason name, anything else into an {@link UnexpectedResponseException} that shows
 * what came back. Not public API; client-watch uses it for watch streams.
 */
public final class ErrorDecoder {
  /** How much of an unexpected body a message shows. */
  static final int SNIPPET_LENGTH = 200;

  private final ModelCodec codec;

  /**
   * Creates a decoder.
   *
   * @param codec the codec to decode Status bodies with
   */
  public ErrorDecoder(ModelCodec codec) {
    this.codec = codec;
  }

  /**
   * The exception for an error answer.
   *
   * @param request a short description of the request, e.g. {@code GET /api/v1/namespaces/demo/pods/x}
   * @param code the HTTP status code
   * @param contentType the response's content type, or null
   * @param body the response body, possibly empty
   * @return the typed exception, never null
   */
  public KubeException toException(String request, int code, String contentType, byte[] body) {
    String ct = contentType == null ? "" : contentType;
    if (!ct.toLowerCase(java.util.Locale.ROOT).contains("json")) {
      return unexpected(request, code, ct, body, "expected a JSON Status", null);
    }
    Status status;
    try {
      status = codec.readJson(body, Status.class);
    } catch (DecodeException e) {
      return unexpected(request, code, ct, body, "the body is not valid JSON (" + e.getMessage() + ")", e);
    }
    if (!"Status".equals(status.kind())) {
      return unexpected(request, code, ct, body, "expected a Status, got kind " + status.kind(), null);
    }
    return forStatus(code, status);
  }

  /**
   * The exception for a decoded Status.
   *
   * @param code the HTTP status code (the Status's own code wins when the HTTP code is 200, as in watch
   *     ERROR events)
   * @param status the Status
   * @return the typed exception
   */
  public static KubeApiException forStatus(int code, Status status) {
    int c = code >= 300 || status.code() == null ? code : status.code();
    String reason = status.reason() == null ? "" : status.reason();
    switch (c) {
      case 400:
        return new BadRequestException(c, status);
      case 401:
        return new UnauthorizedException(c, status);
      case 403:
        return new ForbiddenException(c, status);
      case 404:
        return new NotFoundException(c, status);
      case 409:
        return reason.equals("AlreadyExists") ? new AlreadyExistsException(c, status)
            : new ConflictException(c, status);
      case 410:
        return new GoneException(c, status);
      case 422:
        return new InvalidException(c, status);
      case 429:
        return new TooManyRequestsException(c, status);
      default:
        return c >= 500 ? new ServerErrorException(c, status) : new KubeApiException(c, status);
    }
  }

  /**
   * The exception for a body that is not what the API sends.
   *
   * @param request a short description of the request
   * @param code the HTTP status code
   * @param contentType the content type, empty when absent
   * @param body the body
   * @param problem what is wrong with it
   * @param cause the decoding error, or null
   * @return the exception
   */
  public static UnexpectedResponseException unexpected(String request, int code, String contentType, byte[] body,
      String problem, Throwable cause) {
    String snippet = snippet(body);
    String message = request + ": unexpected response " + code
        + " (" + (contentType.isEmpty() ? "no content type" : contentType) + "): " + problem
        + "; body" + (body.length > SNIPPET_LENGTH ? " starts" : "") + ": "
        + (snippet.isEmpty() ? "(empty)" : "\"" + snippet + "\"");
    return new UnexpectedResponseException(message, code, contentType, snippet, cause);
  }

  /** The start of a body, on one line: control characters become spaces so the message stays one line. */
  static String snippet(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, SNIPPET_LENGTH * 4), StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length() && sb.length() < SNIPPET_LENGTH; i++) {
      char ch = text.charAt(i);
      sb.append(Character.isISOControl(ch) ? ' ' : ch);
    }
    return sb.toString().strip().replaceAll(" {2,}", " ");
  }
}
