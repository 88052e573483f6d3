package dev.skiff.client.error;

import java.io.IOException;

/**
 * The API server could not be reached or the connection failed mid-request: refused, reset, timed out, TLS
 * handshake failed, or the client was closed. The cause is the underlying {@link IOException}. Idempotent
 * requests have already been retried according to the client's retry policy when this is thrown.
 */
public class KubeConnectionException extends KubeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was being done, e.g. {@code GET /api/v1/namespaces/demo/pods}
   * @param cause the I/O failure
   */
  public KubeConnectionException(String message, IOException cause) {
    super(message, cause);
  }

  /**
   * The I/O failure.
   *
   * @return the cause
   */
  @Override
  public synchronized IOException getCause() {
    return (IOException) super.getCause();
  }
}
