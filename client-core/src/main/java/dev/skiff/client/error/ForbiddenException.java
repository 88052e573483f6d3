package dev.skiff.client.error;

import dev.skiff.model.meta.v1.Status;

/**
 * 403 {@code Forbidden}: the credentials are valid but not allowed to do this (RBAC).
 */
public class ForbiddenException extends KubeApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a Status answer.
   *
   * @param code the HTTP status code
   * @param status the decoded Status body
   */
  public ForbiddenException(int code, Status status) {
    super(code, status);
  }
}
