package dev.skiff.client.error;

import dev.skiff.model.meta.v1.Status;

/**
 * 401 {@code Unauthorized}: the credentials are missing, wrong or expired.
 */
public class UnauthorizedException extends KubeApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a Status answer.
   *
   * @param code the HTTP status code
   * @param status the decoded Status body
   */
  public UnauthorizedException(int code, Status status) {
    super(code, status);
  }
}
