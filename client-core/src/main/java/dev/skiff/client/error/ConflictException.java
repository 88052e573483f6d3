package dev.skiff.client.error;

import dev.skiff.model.meta.v1.Status;

/**
 * 409 {@code Conflict}: an update carried a stale {@code resourceVersion}, or a delete precondition failed.
 * Read the object again and retry; {@code ResourceClient.edit} does this for you.
 */
public class ConflictException extends KubeApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a Status answer.
   *
   * @param code the HTTP status code
   * @param status the decoded Status body
   */
  public ConflictException(int code, Status status) {
    super(code, status);
  }
}
