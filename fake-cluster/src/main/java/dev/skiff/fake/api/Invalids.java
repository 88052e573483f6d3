package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.registry.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * 422 Invalid answers built from validation errors, worded as Go's {@code field.Error} and
 * {@code apierrors.NewInvalid} word them.
 */
final class Invalids {
  private Invalids() {}

  /** The 422 for an object of a kind with the given errors. */
  static ApiException of(String kind, String name, List<FieldError> errors) {
    List<String> lines = errors.stream().map(e -> e.field() + ": " + body(e)).collect(Collectors.toList());
    String what = lines.size() == 1 ? lines.get(0) : "[" + String.join(", ", lines) + "]";
    ObjectNode details = ApiException.details(name, kind);
    ArrayNode causes = details.putArray("causes");
    for (FieldError e : errors) {
      causes.addObject().put("reason", e.type()).put("message", body(e)).put("field", e.field());
    }
    return new ApiException(422, "Invalid", kind + " \"" + name + "\" is invalid: " + what, details);
  }

  /** The error without its field: Go's {@code ErrorBody()}. */
  static String body(FieldError e) {
    String detail = e.detail() == null ? "" : e.detail();
    String value = e.badValue().map(Invalids::goValue).orElse(null);
    String head;
    switch (e.type()) {
      case "FieldValueRequired":
        head = "Required value";
        value = null;
        break;
      case "FieldValueForbidden":
        head = "Forbidden";
        value = null;
        break;
      case "FieldValueNotSupported":
        head = "Unsupported value";
        break;
      case "FieldValueDuplicate":
        head = "Duplicate value";
        break;
      case "FieldValueNotFound":
        head = "Not found";
        break;
      case "FieldValueTooLong":
        head = "Too long";
        value = null;
        break;
      case "FieldValueTooMany":
        head = "Too many";
        value = null;
        break;
      case "InternalError":
        head = "Internal error";
        value = null;
        break;
      default:
        head = "Invalid value";
    }
    StringBuilder sb = new StringBuilder(head);
    if (value != null) {
      sb.append(": ").append(value);
    }
    if (!detail.isEmpty()) {
      sb.append(": ").append(detail);
    }
    return sb.toString();
  }

  /** A bad value as Go prints it: strings quoted, numbers and booleans bare, the rest as JSON. */
  static String goValue(JsonNode v) {
    if (v.isTextual()) {
      return StoredForms.text(v);
    }
    if (v.isNull()) {
      return "null";
    }
    return StoredForms.text(v);
  }

  /** A FieldError with a text bad value. */
  static FieldError invalid(String field, String value, String detail) {
    return new FieldError("FieldValueInvalid", field, java.util.Optional.of(JsonNodeFactory.instance.textNode(value)),
        detail);
  }
}
