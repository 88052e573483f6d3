package dev.skiff.model;

/**
 * Thrown by {@link Times} when a text is not a Kubernetes timestamp, or an instant cannot be written as one.
 * The message is worded as Go's {@code time.ParseError}, which an API server reports for a bad timestamp:
 *
 * <pre>{@code
 * parsing time "2024-13-01T00:00:00Z": month out of range
 * parsing time "2024-05-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"
 * }</pre>
 */
public final class InvalidTimeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The rejected input. */
  private final String input;

  InvalidTimeException(String input, String message) {
    super(message);
    this.input = input;
  }

  /**
   * The rejected input.
   *
   * @return the text that failed to parse, or the instant that could not be formatted in its ISO-8601 form
   */
  public String input() {
    return input;
  }
}
