package dev.skiff.client.error;

import dev.skiff.model.meta.v1.Status;

/**
 * 429 {@code TooManyRequests}: the server throttled the request (API priority and fairness) and
 * retries were exhausted or not allowed.
 */
public class TooManyRequestsException extends KubeApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a Status answer.
   *
   * @param code the HTTP status code
   * @param status the decoded Status body
   */
  public TooManyRequestsException(int code, Status status) {
    super(code, status);
  }
}
