package dev.skiff.client.error;

import dev.skiff.model.meta.v1.Status;

/**
 * 422 {@code Invalid}: the object breaks validation rules; {@link #causes()} names each field.
 *
 * <p>Also thrown before anything is sent when Skiff's client-side checks of names and labels fail: the
 * {@link #status()} is then built locally with the server's exact wording, so one {@code catch} handles both
 * (see {@link #clientSide()}).
 */
public class InvalidException extends KubeApiException {
  private static final long serialVersionUID = 1L;

  /** Whether the Status was built by the client instead of received. */
  private final boolean clientSide;

  /**
   * Creates the exception for a Status answer from the server.
   *
   * @param code the HTTP status code
   * @param status the decoded Status body
   */
  public InvalidException(int code, Status status) {
    this(code, status, false);
  }

  /**
   * Creates the exception.
   *
   * @param code the HTTP status code (422)
   * @param status the Status body, received or built locally
   * @param clientSide true when the client rejected the object before sending it
   */
  public InvalidException(int code, Status status, boolean clientSide) {
    super(code, status);
    this.clientSide = clientSide;
  }

  /**
   * Whether the client rejected the object before sending it.
   *
   * @return true for a client-side validation failure, false for a server answer
   */
  public boolean clientSide() {
    return clientSide;
  }
}
