package dev.skiff.client;

/**
 * Configuration that cannot be loaded: no kubeconfig and not in a pod, a kubeconfig that cannot be read or
 * parsed, a missing context, cluster or user, or settings that exclude each other. The message names the
 * file and the entry at fault; it never quotes a secret.
 */
public class KubeConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   */
  public KubeConfigException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong and where
   * @param cause the underlying error
   */
  public KubeConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
