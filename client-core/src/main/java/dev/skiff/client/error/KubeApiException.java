package dev.skiff.client.error;

import dev.skiff.model.meta.v1.Status;
import dev.skiff.model.meta.v1.StatusCause;
import dev.skiff.model.meta.v1.StatusDetails;
import java.util.List;
import java.util.Objects;

/**
 * The API server answered with a non-2xx status and a {@code Status} body. Subclasses name the common
 * reasons ({@link NotFoundException}, {@link ConflictException}, ...); this class itself is thrown for codes
 * that have no subclass (405, 415, ...). The decoded {@link #status()} is always available.
 */
public class KubeApiException extends KubeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status code. */
  private final int code;
  /** The decoded Status body; Status is immutable. */
  private final transient Status status;

  /**
   * Creates an exception for a Status answer.
   *
   * @param code the HTTP status code
   * @param status the decoded Status body
   */
  public KubeApiException(int code, Status status) {
    super(messageOf(code, status), null);
    this.code = code;
    this.status = Objects.requireNonNull(status, "status");
  }

  private static String messageOf(int code, Status status) {
    String reason = status.reason() == null ? "" : status.reason() + ": ";
    String message = status.message() == null ? "(no message)" : status.message();
    return code + " " + reason + message;
  }

  /**
   * The HTTP status code, e.g. 404.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * The Status object the server sent.
   *
   * @return the decoded body
   */
  public Status status() {
    return status;
  }

  /**
   * The machine-readable reason, e.g. {@code NotFound}, {@code AlreadyExists}, {@code Conflict}.
   *
   * @return the reason, empty when the server gave none
   */
  public String reason() {
    return status.reason() == null ? "" : status.reason();
  }

  /**
   * The field causes of the error, e.g. {@code metadata.name: Invalid value: ...} for a 422.
   *
   * @return the causes, empty when there are none
   */
  public List<StatusCause> causes() {
    StatusDetails d = status.details();
    return d == null ? List.of() : d.causes();
  }

  /**
   * How long the server asked the client to wait before retrying ({@code details.retryAfterSeconds}).
   *
   * @return seconds, or 0 when the server did not say
   */
  public int retryAfterSeconds() {
    StatusDetails d = status.details();
    return d == null || d.retryAfterSeconds() == null ? 0 : d.retryAfterSeconds();
  }
}
