package dev.skiff.client.error;

import dev.skiff.model.meta.v1.Status;

/**
 * 404 {@code NotFound}: the object (or its namespace, or the resource) does not exist.
 */
public class NotFoundException extends KubeApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a Status answer.
   *
   * @param code the HTTP status code
   * @param status the decoded Status body
   */
  public NotFoundException(int code, Status status) {
    super(code, status);
  }
}
