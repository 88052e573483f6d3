package dev.skiff.client.error;

/**
 * The root of every exception a {@code KubeClient} throws: the server answered with an error
 * ({@link KubeApiException}), answered with something that is not a Kubernetes answer
 * ({@link UnexpectedResponseException}), or could not be reached ({@link KubeConnectionException}).
 *
 * <p>All are unchecked, so that lambdas and streams stay readable; catch the subclass you can act on.
 */
public class KubeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong
   * @param cause the underlying cause, or null
   */
  public KubeException(String message, Throwable cause) {
    super(message, cause);
  }
}
