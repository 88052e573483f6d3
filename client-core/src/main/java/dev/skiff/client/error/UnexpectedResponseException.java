package dev.skiff.client.error;

/**
 * The server (or something in front of it: a proxy, a load balancer, a captive portal) answered with a body
 * that is not what the Kubernetes API sends: an HTML page, truncated JSON, a JSON document of another kind,
 * or a wrong content type. The message names the request, the status code, the content type and the start
 * of the body (cut short, control characters removed) so that the cause is visible in a log line; request
 * headers, and thus credentials, are never included.
 */
public class UnexpectedResponseException extends KubeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status code. */
  private final int code;
  /** The content type, or empty. */
  private final String contentType;
  /** The start of the body. */
  private final String bodySnippet;

  /**
   * Creates the exception.
   *
   * @param message the full message
   * @param code the HTTP status code
   * @param contentType the response's content type, empty when absent
   * @param bodySnippet the start of the body, already cut short
   * @param cause the decoding error, or null
   */
  public UnexpectedResponseException(String message, int code, String contentType, String bodySnippet,
      Throwable cause) {
    super(message, cause);
    this.code = code;
    this.contentType = contentType;
    this.bodySnippet = bodySnippet;
  }

  /**
   * The HTTP status code of the answer.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * The content type the answer declared.
   *
   * @return the content type, empty when there was none
   */
  public String contentType() {
    return contentType;
  }

  /**
   * The start of the body, at most a few hundred characters, control characters replaced.
   *
   * @return the snippet
   */
  public String bodySnippet() {
    return bodySnippet;
  }
}
