package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ConfigMaps: key rules for {@code data} and {@code binaryData} (no key in both), 1 MiB in total, and
 * {@code immutable} ConfigMaps whose data cannot change.
 */
final class ConfigMapStrategy extends KindStrategy {
  static final String IMMUTABLE_DETAIL = "field is immutable when `immutable` is set";

  ConfigMapStrategy() {
    super("ConfigMap", "", true, NameRule.DNS1123_SUBDOMAIN);
  }

  @Override
  List<FieldError> validateBody(ObjectNode cm) {
    List<FieldError> errors = new ArrayList<>();
    long size = 0;
    ObjectNode binary = Nodes.object(cm, "binaryData");
    for (Map.Entry<String, String> e : Nodes.stringMap(cm, "data")) {
      for (String msg : DataKeys.errors(e.getKey())) {
        errors.add(FieldError.invalid("data[" + e.getKey() + "]", e.getKey(), msg));
      }
      if (binary != null && binary.has(e.getKey())) {
        errors.add(FieldError.invalid("data[" + e.getKey() + "]", e.getKey(),
            "duplicate of key present in binaryData"));
      }
      size += e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    for (Map.Entry<String, String> e : Nodes.stringMap(cm, "binaryData")) {
      for (String msg : DataKeys.errors(e.getKey())) {
        errors.add(FieldError.invalid("binaryData[" + e.getKey() + "]", e.getKey(), msg));
      }
      size += decodedLength(e.getValue());
    }
    if (size > DataKeys.MAX_TOTAL_SIZE) {
      errors.add(FieldError.tooLong("", DataKeys.MAX_TOTAL_SIZE));
    }
    return errors;
  }

  @Override
  List<FieldError> validateBodyUpdate(ObjectNode cm, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validateUpdate(cm.get("metadata"), old.get("metadata"), "metadata"));
    if (old.path("immutable").asBoolean(false)) {
      if (!cm.path("immutable").asBoolean(false)) {
        errors.add(FieldError.forbidden("immutable", IMMUTABLE_DETAIL));
      }
      if (!Nodes.semanticallyEqual(cm.get("data"), old.get("data"))) {
        errors.add(FieldError.forbidden("data", IMMUTABLE_DETAIL));
      }
      if (!Nodes.semanticallyEqual(cm.get("binaryData"), old.get("binaryData"))) {
        errors.add(FieldError.forbidden("binaryData", IMMUTABLE_DETAIL));
      }
    }
    // ValidateConfigMapUpdate ends with the whole create validation, metadata included.
    errors.addAll(validate(cm));
    return errors;
  }

  /** The number of bytes a base64 value decodes to; undecodable text counts as its own length. */
  static long decodedLength(String base64) {
    try {
      return Base64.getDecoder().decode(base64).length;
    } catch (IllegalArgumentException e) {
      return base64.length();
    }
  }
}
