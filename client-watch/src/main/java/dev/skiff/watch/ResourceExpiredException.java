package dev.skiff.watch;

/**
 * 410 Gone: the resource version a watch or list asked for (or a continue token) is older than what the
 * server keeps. A watch stream answers it with a relist.
 */
public class ResourceExpiredException extends ListWatchException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the server's message, e.g. {@code too old resource version: 5 (42)}
   */
  public ResourceExpiredException(String message) {
    super(410, "Expired", message);
  }
}
