package dev.skiff.client.error;

import dev.skiff.model.meta.v1.Status;

/**
 * 400 {@code BadRequest}: the request is malformed, e.g. a bad selector or a namespace mismatch.
 */
public class BadRequestException extends KubeApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a Status answer.
   *
   * @param code the HTTP status code
   * @param status the decoded Status body
   */
  public BadRequestException(int code, Status status) {
    super(code, status);
  }
}
