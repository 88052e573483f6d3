package dev.skiff.client.error;

import dev.skiff.model.meta.v1.Status;

/**
 * 410 {@code Gone} or {@code Expired}: a continue token or resource version is too old; list again from
 * the start.
 */
public class GoneException extends KubeApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a Status answer.
   *
   * @param code the HTTP status code
   * @param status the decoded Status body
   */
  public GoneException(int code, Status status) {
    super(code, status);
  }
}
