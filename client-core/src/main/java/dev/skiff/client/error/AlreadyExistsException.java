package dev.skiff.client.error;

import dev.skiff.model.meta.v1.Status;

/**
 * 409 {@code AlreadyExists}: a create named an object that already exists.
 */
public class AlreadyExistsException extends KubeApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a Status answer.
   *
   * @param code the HTTP status code
   * @param status the decoded Status body
   */
  public AlreadyExistsException(int code, Status status) {
    super(code, status);
  }
}
