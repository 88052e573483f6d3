package dev.skiff.model.codec;

import dev.skiff.model.Nullable;

/**
 * JSON or YAML that cannot be decoded into the requested model type: malformed text, a value of the wrong
 * JSON type, a missing required field, an invalid quantity or time. The message says what was expected and
 * where ({@link #path()}, {@link #line()}, {@link #column()}).
 */
public class DecodeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final int line;
  private final int column;

  /**
   * Creates the exception.
   *
   * @param message what is wrong
   * @param path JSON pointer of the offending value, empty for the document itself
   * @param line 1-based line, or -1 when unknown
   * @param column 1-based column, or -1 when unknown
   * @param cause the underlying error, or null
   */
  public DecodeException(String message, String path, int line, int column, @Nullable Throwable cause) {
    super(message + (path.isEmpty() ? "" : " at " + path) + (line > 0 ? " (line " + line + ", column " + column + ")" : ""),
        cause);
    this.path = path;
    this.line = line;
    this.column = column;
  }

  /**
   * Where in the document the problem is.
   *
   * @return a JSON pointer such as {@code /spec/containers/0/ports/0/containerPort}; empty for the root
   */
  public String path() {
    return path;
  }

  /**
   * The line of the problem.
   *
   * @return the 1-based line, or -1 when unknown
   */
  public int line() {
    return line;
  }

  /**
   * The column of the problem.
   *
   * @return the 1-based column, or -1 when unknown
   */
  public int column() {
    return column;
  }
}
