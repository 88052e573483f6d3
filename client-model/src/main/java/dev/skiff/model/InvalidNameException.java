package dev.skiff.model;

import java.util.List;

/**
 * Thrown by the {@code require...} methods of {@link Names} when a name, label key or label value breaks
 * Kubernetes' rules. The message has the shape of an API server's field error, for example:
 *
 * <pre>{@code
 * metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of ...
 * }</pre>
 *
 * <p>With more than one broken rule the field errors are joined in brackets, as the server does:
 * {@code [f: Invalid value: "x": first, f: Invalid value: "x": second]}.
 */
public final class InvalidNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** What was checked. */
  private final String field;
  /** The rejected value. */
  private final String value;
  /** The broken rules. */
  private final List<String> errors;

  InvalidNameException(String field, String value, List<String> errors) {
    super(message(field, value, errors));
    this.field = field;
    this.value = value;
    this.errors = List.copyOf(errors);
  }

  /**
   * What was checked, as given to the {@code require...} method.
   *
   * @return a description or field path such as {@code metadata.name}
   */
  public String field() {
    return field;
  }

  /**
   * The rejected value.
   *
   * @return the value, exactly as given
   */
  public String value() {
    return value;
  }

  /**
   * The broken rules, each worded exactly as Kubernetes words it.
   *
   * @return one or more messages such as {@code must be no more than 63 characters}
   */
  public List<String> errors() {
    return errors;
  }

  private static String message(String field, String value, List<String> errors) {
    StringBuilder sb = new StringBuilder();
    List<String> distinct = errors.stream().distinct().toList();
    if (distinct.size() > 1) {
      sb.append('[');
    }
    for (int i = 0; i < distinct.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(field).append(": Invalid value: ").append(Names.goQuote(value)).append(": ").append(distinct.get(i));
    }
    if (distinct.size() > 1) {
      sb.append(']');
    }
    return sb.toString();
  }
}
