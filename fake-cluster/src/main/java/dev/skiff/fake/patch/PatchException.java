package dev.skiff.fake.patch;

/**
 * A patch that cannot be applied. The API layer answers with {@link #code()} and the message as the
 * real server words it.
 */
public final class PatchException extends Exception {
  private final int code;

  /** A patch failure answered with the given HTTP status (400, 409, 422, ...). */
  public PatchException(int code, String message) {
    super(message);
    this.code = code;
  }

  /** The HTTP status to answer with. */
  public int code() {
    return code;
  }
}
