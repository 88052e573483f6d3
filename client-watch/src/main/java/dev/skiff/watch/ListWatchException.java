package dev.skiff.watch;

/**
 * The API server answered a list or watch with an error status (or sent a watch {@code ERROR} event). Watch
 * streams retry {@linkplain #isRetryable() retryable} statuses with backoff and end with this exception for
 * the others (such as 403 Forbidden and 404 Not Found).
 */
public class ListWatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code, e.g. 403
   * @param reason the {@code Status.reason}, e.g. {@code Forbidden}; empty when unknown
   * @param message the {@code Status.message} or another description
   */
  public ListWatchException(int statusCode, String reason, String message) {
    super(statusCode + " " + reason + ": " + message);
    this.statusCode = statusCode;
    this.reason = reason;
  }

  /**
   * The HTTP status code.
   *
   * @return e.g. 403
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The machine-readable reason.
   *
   * @return e.g. {@code Forbidden}, or empty
   */
  public String reason() {
    return reason;
  }

  /**
   * Whether asking again later may succeed: 429 Too Many Requests, 500, 502, 503 and 504 (and 410, which
   * watch streams answer with a relist).
   *
   * @return true for transient statuses
   */
  public boolean isRetryable() {
    return statusCode == 410 || statusCode == 429 || statusCode == 500 || statusCode == 502
        || statusCode == 503 || statusCode == 504;
  }
}
