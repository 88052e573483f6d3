package dev.skiff.watch;

import java.time.Duration;

/**
 * A watch connection stayed silent, neither an event nor a bookmark, for longer than the idle timeout while
 * events were wanted: it is taken for half-open and replaced. Watch streams handle it themselves; it reaches
 * subscribers only through {@link ListWatch} implementations that use it.
 */
public class IdleConnectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param idle how long the connection was silent
   */
  public IdleConnectionException(Duration idle) {
    super("watch connection silent for " + idle + " while events were wanted; taken for half-open");
  }
}
