package dev.skiff.client;

import dev.skiff.client.error.InvalidException;
import dev.skiff.model.KubernetesObject;
import dev.skiff.model.Names;
import dev.skiff.model.ResourceType;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.meta.v1.ObjectMeta;
import dev.skiff.model.meta.v1.Status;
import dev.skiff.model.meta.v1.StatusCause;
import dev.skiff.model.meta.v1.StatusDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks names and labels before a write, with the API server's rules and wording, and fails with the same
 * 422 {@link InvalidException} (Status, message, field causes) the server would send: a bad name costs no
 * round trip and reads the same either way.
 */
final class ClientValidation {
  private ClientValidation() {}

  /** One broken rule of one field. */
  private record FieldError(String field, String reason, String message) {
    String full() {
      return field + ": " + message;
    }
  }

  /**
   * Checks an object about to be created, replaced or applied.
   *
   * @param type the resource
   * @param object the object
   * @param nameRequired whether a name must be present (replace and apply); create accepts generateName
   * @throws InvalidException when a rule is broken
   */
  static void check(ResourceType<?> type, KubernetesObject object, boolean nameRequired) {
    ObjectMeta meta = object.metadata();
    String name = meta == null ? null : meta.name();
    String generateName = meta == null ? null : meta.generateName();
    List<FieldError> errors = new ArrayList<>();
    Function<String, List<String>> rule = nameRule(type);
    if (name != null && !name.isEmpty()) {
      collect(errors, "metadata.name", name, rule.apply(name));
    } else if (!nameRequired && generateName != null && !generateName.isEmpty()) {
      collect(errors, "metadata.generateName", generateName, Names.generateNameErrors(generateName, rule));
    } else {
      errors.add(new FieldError("metadata.name", "FieldValueRequired",
          nameRequired ? "Required value: name is required" : "Required value: name or generateName is required"));
    }
    if (meta != null) {
      for (Map.Entry<String, String> label : meta.labels().entrySet()) {
        collect(errors, "metadata.labels", label.getKey(), Names.labelKeyErrors(label.getKey()));
        collect(errors, "metadata.labels", label.getValue(), Names.labelValueErrors(label.getValue()));
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(type.kind(), name == null ? "" : name, errors);
    }
  }

  /** The name rule of a kind: namespaces are DNS-1123 labels, services DNS-1035 labels, the rest subdomains. */
  private static Function<String, List<String>> nameRule(ResourceType<?> type) {
    if (type.group().isEmpty() && type.plural().equals(ResourceTypes.NAMESPACES.plural())) {
      return Names::dns1123LabelErrors;
    }
    if (type.group().isEmpty() && type.plural().equals(ResourceTypes.SERVICES.plural())) {
      return Names::dns1035LabelErrors;
    }
    return Names::dns1123SubdomainErrors;
  }

  private static void collect(List<FieldError> errors, String field, String value, List<String> broken) {
    if (broken.isEmpty()) {
      return;
    }
    String quoted = goQuote(value);
    broken.stream().distinct().forEach(e ->
        errors.add(new FieldError(field, "FieldValueInvalid", "Invalid value: " + quoted + ": " + e)));
  }

  /**
   * The value quoted as Go's {@code %q} quotes it in field errors: backslash escapes for quotes, backslashes
   * and control characters; other characters as they are (names with them are invalid anyway).
   */
  static String goQuote(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < ' ' || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static InvalidException invalid(String kind, String name, List<FieldError> errors) {
    String detail = errors.size() == 1 ? errors.get(0).full()
        : "[" + String.join(", ", errors.stream().map(FieldError::full).toList()) + "]";
    StatusDetails.Builder details = StatusDetails.builder().kind(kind);
    if (!name.isEmpty()) {
      details.name(name);
    }
    for (FieldError e : errors) {
      details.addCauses(StatusCause.builder().reason(e.reason).message(e.message).field(e.field).build());
    }
    Status status = Status.builder()
        .apiVersion("v1").kind("Status").status("Failure").code(422).reason("Invalid")
        .message(kind + " \"" + name + "\" is invalid: " + detail)
        .details(details.build())
        .build();
    return new InvalidException(422, status, true);
  }
}
