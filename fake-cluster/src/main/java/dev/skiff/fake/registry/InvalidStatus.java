package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The 422 {@code Invalid} {@code Status} body a real server returns for failed validation (Go's
 * {@code errors.NewInvalid}).
 *
 * <pre>{@code
 * List<FieldError> errors = strategy.validate(pod);
 * if (!errors.isEmpty()) {
 *   respond(422, InvalidStatus.of("", "Pod", name, errors));
 * }
 * }</pre>
 */
public final class InvalidStatus {
  private InvalidStatus() {}

  /**
   * Builds the body: {@code message} is {@code <Kind[.group]> "<name>" is invalid: <errors>} where one distinct
   * error is written alone and several are written as {@code [e1, e2]}; {@code details} holds the name (left
   * out when empty), the group (left out for the core group), the kind and one cause per error, in order.
   *
   * @param group the API group, empty for the core group (e.g. {@code apps} for a Deployment)
   * @param kind the kind, e.g. {@code Pod}
   * @param name the object's name; empty when it had none
   * @param errors the validation errors, in the order validation found them; may be empty
   * @return the Status object
   */
  public static ObjectNode of(String group, String kind, String name, List<FieldError> errors) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
    ObjectNode status = f.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    String message = qualifiedKind + " " + GoText.quote(name) + " is invalid";
    if (!errors.isEmpty()) {
      message += ": " + aggregate(errors);
    }
    status.put("message", message);
    status.put("reason", "Invalid");
    ObjectNode details = status.putObject("details");
    if (!name.isEmpty()) {
      details.put("name", name);
    }
    if (!group.isEmpty()) {
      details.put("group", group);
    }
    details.put("kind", kind);
    ArrayNode causes = details.putArray("causes");
    for (FieldError e : errors) {
      ObjectNode cause = causes.addObject();
      cause.put("reason", e.reason());
      cause.put("message", e.message());
      if (!e.field().isEmpty()) {
        cause.put("field", e.field());
      }
    }
    status.put("code", 422);
    return status;
  }

  /**
   * Go's {@code ErrorList.ToAggregate().Error()}: identical errors count once; one error is written as it is,
   * several between brackets separated by {@code ", "}.
   *
   * @param errors the errors, at least one
   * @return the aggregated text
   */
  public static String aggregate(List<FieldError> errors) {
    Set<String> distinct = new LinkedHashSet<>();
    for (FieldError e : errors) {
      distinct.add(e.toString());
    }
    List<String> texts = new ArrayList<>(distinct);
    return texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]";
  }
}
