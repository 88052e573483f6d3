package dev.skiff.fake.patch;

/**
 * A patch that cannot be applied. The API layer answers with {@link #code()} and the message as the
 * real server words it.
 *
 * <p>How the real server shapes the {@code Status} body per code: 400 is reason {@code BadRequest} with no
 * {@code details}; 413 is reason {@code RequestEntityTooLarge} with no {@code details}; 422 is reason
 * {@code Invalid} with {@code "details": {}}; 500 (malformed strategic-merge
 * directives, which the server does not classify) is reason {@code ""} (omitted) with no {@code details}.
 */
public final class PatchException extends Exception {
  private final int code;
  private final String detail;

  /** A patch failure answered with the given HTTP status (400, 409, 422, ...). */
  public PatchException(int code, String message) {
    this(code, message, message);
  }

  /**
   * A patch failure whose answer hides the underlying reason (the server answers some failures with a
   * generic message).
   *
   * @param code HTTP status to answer with
   * @param message the message the server sends
   * @param detail the underlying reason, for logs and test failures
   */
  public PatchException(int code, String message, String detail) {
    super(message);
    this.code = code;
    this.detail = detail;
  }

  /** The HTTP status to answer with. */
  public int code() {
    return code;
  }

  /**
   * The Status {@code reason} the server sends with this code: {@code BadRequest} (400), {@code Conflict}
   * (409), {@code RequestEntityTooLarge} (413), {@code UnsupportedMediaType} (415), {@code Invalid} (422),
   * or empty (500 and anything else: the server's "unknown" reason, omitted from the body).
   */
  public String reason() {
    return switch (code) {
      case 400 -> "BadRequest";
      case 409 -> "Conflict";
      case 413 -> "RequestEntityTooLarge";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      default -> "";
    };
  }

  /** Whether the server's Status carries {@code "details": {}} (the generic 422); otherwise no details. */
  public boolean hasEmptyDetails() {
    return code == 422;
  }

  /** The underlying reason; equals the message unless the server hides it behind a generic message. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return "PatchException(" + code + ": " + getMessage()
        + (detail.equals(getMessage()) ? "" : " [" + detail + "]") + ")";
  }
}
