package dev.skiff.client.error;

import dev.skiff.model.meta.v1.Status;

/**
 * 5xx: the server failed ({@code InternalError}, {@code ServiceUnavailable}, {@code Timeout}) and
 * retries were exhausted or not allowed.
 */
public class ServerErrorException extends KubeApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a Status answer.
   *
   * @param code the HTTP status code
   * @param status the decoded Status body
   */
  public ServerErrorException(int code, Status status) {
    super(code, status);
  }
}
