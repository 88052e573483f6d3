package dev.skiff.client;

import java.io.IOException;

/**
 * Credentials could not be obtained for a request: the bearer token file cannot be read, or the exec
 * plugin is missing, failed or printed no usable credential. Thrown from calls, as an {@link IOException},
 * since credentials are fetched when a request is sent. The message never quotes a secret.
 */
public class CredentialException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public CredentialException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed
   * @param cause the underlying error
   */
  public CredentialException(String message, Throwable cause) {
    super(message, cause);
  }
}
