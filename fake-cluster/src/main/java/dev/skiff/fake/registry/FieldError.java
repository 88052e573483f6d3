package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One validation error, as Go's {@code field.Error}: its {@link #message()} and {@link #reason()} are the
 * server's {@code details.causes[]} entries, and {@link #toString()} is the text the server joins into the
 * {@code Status} message ({@code field: message}).
 *
 * <p>Build errors with the factories named after Go's constructors ({@link #invalid}, {@link #required},
 * {@link #notSupported}, {@link #duplicate}, {@link #forbidden}, {@link #tooLong}, {@link #tooMany}); the
 * message rules (which types show the bad value, how values are printed) live here only.
 *
 * @param type the error type, one of the {@code FieldValue...} constants, e.g. {@link #INVALID}
 * @param field the field path, e.g. {@code metadata.name} or {@code data[bad key]}
 * @param badValue the offending value, when the message shows it
 * @param detail the explanation; may be empty
 */
public record FieldError(String type, String field, Optional<JsonNode> badValue, String detail) {

  /** {@code FieldValueInvalid}: the value is malformed or out of range. */
  public static final String INVALID = "FieldValueInvalid";
  /** {@code FieldValueRequired}: a required field is missing or empty. */
  public static final String REQUIRED = "FieldValueRequired";
  /** {@code FieldValueNotSupported}: the value is not one of an enumeration. */
  public static final String NOT_SUPPORTED = "FieldValueNotSupported";
  /** {@code FieldValueDuplicate}: the value must be unique in its list. */
  public static final String DUPLICATE = "FieldValueDuplicate";
  /** {@code FieldValueForbidden}: the field may not be set or changed. */
  public static final String FORBIDDEN = "FieldValueForbidden";
  /** {@code FieldValueTooLong}: the value is longer than allowed. */
  public static final String TOO_LONG = "FieldValueTooLong";
  /** {@code FieldValueTooMany}: the list has more items than allowed. */
  public static final String TOO_MANY = "FieldValueTooMany";
  /** {@code FieldValueNotFound}: a referenced value does not exist. */
  public static final String NOT_FOUND = "FieldValueNotFound";
  /** {@code InternalError}: the server failed while validating. */
  public static final String INTERNAL = "InternalError";

  /** Validates the components. */
  public FieldError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(badValue, "badValue");
    detail = detail == null ? "" : detail;
  }

  /**
   * Go's {@code field.Invalid}: {@code Invalid value: <value>: <detail>}.
   *
   * @param field the field path
   * @param value the offending value, printed as Go prints it (strings quoted, lists and maps as JSON)
   * @param detail why the value is invalid
   * @return the error
   */
  public static FieldError invalid(String field, JsonNode value, String detail) {
    return new FieldError(INVALID, field, Optional.of(value), detail);
  }

  /**
   * Go's {@code field.Invalid} for a string value.
   *
   * @param field the field path
   * @param value the offending value
   * @param detail why the value is invalid
   * @return the error
   */
  public static FieldError invalid(String field, String value, String detail) {
    return invalid(field, JsonNodeFactory.instance.textNode(value), detail);
  }

  /**
   * Go's {@code field.Invalid} for an integer value.
   *
   * @param field the field path
   * @param value the offending value
   * @param detail why the value is invalid
   * @return the error
   */
  public static FieldError invalid(String field, long value, String detail) {
    return invalid(field, JsonNodeFactory.instance.numberNode(value), detail);
  }

  /**
   * Go's {@code field.Required}: {@code Required value} or {@code Required value: <detail>}.
   *
   * @param field the field path
   * @param detail an explanation, or empty
   * @return the error
   */
  public static FieldError required(String field, String detail) {
    return new FieldError(REQUIRED, field, Optional.empty(), detail);
  }

  /**
   * Go's {@code field.NotSupported}: {@code Unsupported value: "x": supported values: "a", "b"}.
   *
   * @param field the field path
   * @param value the offending value
   * @param supported the accepted values, in the order the server lists them
   * @return the error
   */
  public static FieldError notSupported(String field, JsonNode value, List<String> supported) {
    String detail = supported.isEmpty() ? ""
        : "supported values: " + supported.stream().map(GoText::quote).collect(Collectors.joining(", "));
    return new FieldError(NOT_SUPPORTED, field, Optional.of(value), detail);
  }

  /**
   * Go's {@code field.Duplicate}: {@code Duplicate value: <value>}.
   *
   * @param field the field path
   * @param value the repeated value
   * @return the error
   */
  public static FieldError duplicate(String field, JsonNode value) {
    return new FieldError(DUPLICATE, field, Optional.of(value), "");
  }

  /**
   * Go's {@code field.Forbidden}: {@code Forbidden: <detail>}.
   *
   * @param field the field path
   * @param detail why the field may not be set
   * @return the error
   */
  public static FieldError forbidden(String field, String detail) {
    return new FieldError(FORBIDDEN, field, Optional.empty(), detail);
  }

  /**
   * Go's {@code field.TooLong}: {@code Too long: may not be more than <max> bytes}.
   *
   * @param field the field path
   * @param maxBytes the limit
   * @return the error
   */
  public static FieldError tooLong(String field, long maxBytes) {
    return new FieldError(TOO_LONG, field, Optional.empty(),
        "may not be more than " + maxBytes + (maxBytes == 1 ? " byte" : " bytes"));
  }

  /**
   * Go's {@code field.TooMany}: {@code Too many: <actual>: must have at most <max> items}.
   *
   * @param field the field path
   * @param actual how many items there are
   * @param max the limit
   * @return the error
   */
  public static FieldError tooMany(String field, long actual, long max) {
    return new FieldError(TOO_MANY, field, Optional.of(JsonNodeFactory.instance.numberNode(actual)),
        "must have at most " + max + (max == 1 ? " item" : " items"));
  }

  /**
   * Go's {@code field.NotFound}: {@code Not found: <value>}.
   *
   * @param field the field path
   * @param value the value that was not found
   * @return the error
   */
  public static FieldError notFound(String field, JsonNode value) {
    return new FieldError(NOT_FOUND, field, Optional.of(value), "");
  }

  /**
   * The cause's {@code reason}, e.g. {@code FieldValueInvalid}.
   *
   * @return the error type
   */
  public String reason() {
    return type;
  }

  /**
   * The cause's {@code message}, Go's {@code ErrorBody()}: the type's text, the bad value where the type shows
   * one, and the detail, e.g. {@code Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain ...}.
   *
   * @return the message without the field path
   */
  public String message() {
    StringBuilder sb = new StringBuilder(typeText());
    // Required, Forbidden, TooLong and Internal never print the value (Go's ErrorBody switch).
    boolean showsValue = !type.equals(REQUIRED) && !type.equals(FORBIDDEN) && !type.equals(TOO_LONG)
        && !type.equals(INTERNAL);
    if (showsValue && badValue.isPresent()) {
      sb.append(": ").append(GoText.value(badValue.get()));
    }
    if (!detail.isEmpty()) {
      sb.append(": ").append(detail);
    }
    return sb.toString();
  }

  /** Go's {@code ErrorType.String()}. */
  private String typeText() {
    switch (type) {
      case INVALID:
        return "Invalid value";
      case REQUIRED:
        return "Required value";
      case NOT_SUPPORTED:
        return "Unsupported value";
      case DUPLICATE:
        return "Duplicate value";
      case FORBIDDEN:
        return "Forbidden";
      case TOO_LONG:
        return "Too long";
      case TOO_MANY:
        return "Too many";
      case NOT_FOUND:
        return "Not found";
      case INTERNAL:
        return "Internal error";
      default:
        return type;
    }
  }

  /**
   * Go's {@code Error()}: {@code <field>: <message>}, the form the server joins into a Status message.
   *
   * @return the error as one line
   */
  @Override
  public String toString() {
    return field + ": " + message();
  }
}
