package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.registry.FieldError;
import dev.skiff.model.Names;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kind-independent checks of {@code metadata} (Go's {@code ValidateObjectMeta}): name or generateName,
 * the kind's name rule, labels and annotations.
 */
final class MetadataValidation {
  private static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

  private MetadataValidation() {}

  /** The errors of an object's metadata, in the order the real server reports them. */
  static List<FieldError> validate(ServedResource r, ObjectNode meta, boolean create) {
    List<FieldError> errors = new ArrayList<>();
    String generateName = meta.path("generateName").asText("");
    String name = meta.path("name").asText("");
    if (create && !generateName.isEmpty()) {
      for (String msg : Names.generateNameErrors(generateName, r.nameRule())) {
        errors.add(Invalids.invalid("metadata.generateName", generateName, msg));
      }
    }
    if (name.isEmpty()) {
      errors.add(new FieldError("FieldValueRequired", "metadata.name", Optional.empty(),
          "name or generateName is required"));
    } else {
      for (String msg : r.nameRule().apply(name)) {
        errors.add(Invalids.invalid("metadata.name", name, msg));
      }
    }
    JsonNode labels = meta.path("labels");
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (String msg : Names.labelKeyErrors(e.getKey())) {
        errors.add(Invalids.invalid("metadata.labels", e.getKey(), msg));
      }
      String value = e.getValue().isTextual() ? e.getValue().asText() : StoredForms.text(e.getValue());
      for (String msg : Names.labelValueErrors(value)) {
        errors.add(Invalids.invalid("metadata.labels", value, msg));
      }
    }
    JsonNode annotations = meta.path("annotations");
    long size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (String msg : Names.labelKeyErrors(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
        errors.add(Invalids.invalid("metadata.annotations", e.getKey(), msg));
      }
      size += e.getKey().length() + e.getValue().asText("").length();
    }
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errors.add(new FieldError("FieldValueTooLong", "metadata.annotations", Optional.empty(),
          "may not be more than " + TOTAL_ANNOTATION_SIZE_LIMIT + " bytes"));
    }
    return errors;
  }
}
